/**
 * One complete OIDC sign-in at LemonLDAP::NG as a fresh browser and its relying party do it, over node:http to
 * 127.0.0.1 with the portal's Host header: GET /oauth2/authorize (login form; cookie lemonldappdata, hidden token
 * and url), POST the same URL with user and password (-> 302 to the redirect URI with the code), POST /oauth2/token
 * with client_secret_basic. PKCE as in Gatehouse's driver. Throws on anything but an ID token and an access token.
 */
import { Agent, request } from 'node:http';
import { BENCH_CLIENT, BENCH_REDIRECT_URI, BENCH_SCOPE } from '../signin/bench-constants.js';
import { pkcePair } from '../signin/pkce.js';
import { readForms } from '../signin/read-forms.js';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function llngRequest(connect: URL, host: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: connect.hostname, port: connect.port, method, path, agent, headers: { host, ...headers, ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function cookiesOf(answer: Answer, jar: Map<string, string>): void {
  const lines = answer.headers['set-cookie'] ?? [];
  for (const line of Array.isArray(lines) ? lines : [lines]) {
    const pair = line.split(';', 1)[0]!;
    const i = pair.indexOf('=');
    const name = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    if (!value || value === '0' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([n, v]) => `${n}=${v}`).join('; ');

export async function llngSignIn(connect: URL, host: string, user: { login: string; password: string }): Promise<number> {
  const pkce = pkcePair();
  const jar = new Map<string, string>();
  const query = new URLSearchParams({
    client_id: BENCH_CLIENT.id,
    response_type: 'code',
    scope: BENCH_SCOPE,
    redirect_uri: BENCH_REDIRECT_URI,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    state: pkce.state,
  }).toString();
  const path = `/oauth2/authorize?${query}`;
  let requests = 0;
  let answer = await llngRequest(connect, host, 'GET', path, { accept: 'text/html' });
  requests++;
  cookiesOf(answer, jar);
  let location: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages === 4) throw new Error('still on a page after 4 forms');
    const form = answer.status === 200 ? readForms(answer.body).find((f) => f.method === 'post') : undefined;
    if (!form) throw new Error(`HTTP ${answer.status} without a form: ${answer.body.slice(0, 300)}`);
    const fields = { ...form.fields };
    if ('user' in fields) fields.user = user.login;
    if ('password' in fields) fields.password = user.password;
    const action = form.action && form.action !== '#' ? new URL(form.action, `http://${host}${path}`) : new URL(`http://${host}${path}`);
    answer = await llngRequest(connect, host, 'POST', action.pathname + action.search, { accept: 'text/html', cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams(fields).toString());
    requests++;
    cookiesOf(answer, jar);
    // Follow redirects inside the portal (e.g. TOTP -> /oauth2), stop at the relying party.
    while (answer.status >= 300 && answer.status < 400) {
      location = String(answer.headers.location);
      const next = new URL(location, `http://${host}/`);
      if (next.host !== host) break;
      answer = await llngRequest(connect, host, 'GET', next.pathname + next.search, { accept: 'text/html', cookie: cookieHeader(jar) });
      requests++;
      cookiesOf(answer, jar);
    }
    if (answer.status >= 300 && answer.status < 400) break;
  }
  const callback = new URL(location!);
  if (callback.origin !== new URL(BENCH_REDIRECT_URI).origin) throw new Error(`redirected to ${callback.origin}`);
  if (callback.searchParams.get('error')) throw new Error(`authorization failed: ${callback.searchParams.get('error')} ${callback.searchParams.get('error_description') ?? ''}`);
  if (callback.searchParams.get('state') !== pkce.state) throw new Error('the callback carries another state');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error('the callback carries no code');
  const token = await llngRequest(
    connect,
    host,
    'POST',
    '/oauth2/token',
    {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(BENCH_CLIENT.id)}:${encodeURIComponent(BENCH_CLIENT.secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: BENCH_REDIRECT_URI, code_verifier: pkce.verifier }).toString(),
  );
  requests++;
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(token.body) as Record<string, unknown>;
  } catch {}
  if (token.status !== 200 || typeof body.id_token !== 'string' || typeof body.access_token !== 'string') throw new Error(`token endpoint answered ${token.status}: ${token.body.slice(0, 200)}`);
  return requests;
}
