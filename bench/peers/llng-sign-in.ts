/**
 * One complete OIDC sign-in at LemonLDAP::NG as a fresh browser and its relying party do it, over node:http to
 * 127.0.0.1 with the portal's Host header: GET /oauth2/authorize (login form; cookie lemonldappdata, hidden token
 * and url), POST the same URL with user and password (-> 302 to the redirect URI with the code; with TOTP on, a
 * form posting token and code to /totp2fcheck instead, which then answers that 302), POST /oauth2/token with
 * client_secret_basic. PKCE as in Gatehouse's driver. Throws on anything but an ID token and an access token.
 */
import { Agent, request } from 'node:http';
import { BENCH_CLIENT, BENCH_REDIRECT_URI } from '../signin/bench-constants.js';
import { authorizationQuery, checkTokens, codeFrom, tokenRequest } from '../signin/oidc-messages.js';
import { pkcePair } from '../signin/pkce.js';
import { readForms } from '../signin/read-forms.js';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

interface Answer {
  /** Set by llngSignIn: the portal path that gave this answer (after redirects inside the portal). */
  path?: string;
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

export interface LlngUser {
  login: string;
  password: string;
  /** The TOTP code to type when the portal asks for one (see startLemonLdap's `totp`). */
  code?: string;
}

/**
 * What the portal said on a page it answered instead of moving on: where, and its message number
 * (Portal::Main::Constants: 5 bad credentials, 96 bad OTP, …) when it shows one.
 */
function pageMessage(answer: Answer): string {
  const trmsg = /message-negative[^>]*>\s*<span trmsg="(\d+)"/.exec(answer.body)?.[1];
  const where = `HTTP ${answer.status} at ${answer.path?.split('?', 1)[0] ?? '?'}`;
  return trmsg ? `${where}, portal error ${trmsg}` : `${where}: ${answer.body.replace(/\s+/g, ' ').slice(0, 160)}`;
}

/**
 * Signs `user` in and returns how many HTTP requests it took: 3 with the password only, 4 with a TOTP code (the
 * code form's POST answers with a redirect straight to the relying party).
 */
export async function llngSignIn(connect: URL, host: string, user: LlngUser): Promise<number> {
  const pkce = pkcePair();
  const jar = new Map<string, string>();
  const path = `/oauth2/authorize?${authorizationQuery(BENCH_CLIENT, pkce)}`;
  let requests = 0;
  const send = async (method: string, target: string, body?: Record<string, string>): Promise<Answer> => {
    const headers: Record<string, string> = { accept: 'text/html', ...(jar.size ? { cookie: cookieHeader(jar) } : {}) };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    let answer: Answer = { ...(await llngRequest(connect, host, method, target, headers, body && new URLSearchParams(body).toString())), path: target };
    requests++;
    cookiesOf(answer, jar);
    // Redirects inside the portal (e.g. /totp2fcheck -> /oauth2/authorize) are followed; the one to the relying
    // party is where the sign-in ends.
    while (answer.status >= 300 && answer.status < 400) {
      const next = new URL(String(answer.headers.location), `http://${host}/`);
      if (next.host !== host) break;
      answer = { ...(await llngRequest(connect, host, 'GET', next.pathname + next.search, { accept: 'text/html', cookie: cookieHeader(jar) })), path: next.pathname + next.search };
      requests++;
      cookiesOf(answer, jar);
    }
    return answer;
  };
  const postForm = (answer: Answer, fill: Record<string, string>) => {
    const form = readForms(answer.body).find((f) => f.method === 'post');
    if (!form) throw new Error(`no form: ${pageMessage(answer)}`);
    const action = form.action && form.action !== '#' ? new URL(form.action, `http://${host}${path}`) : new URL(`http://${host}${path}`);
    return send('POST', action.pathname + action.search, { ...form.fields, ...fill });
  };
  const isCodeForm = (answer: Answer) => answer.status === 200 && readForms(answer.body).some((f) => f.method === 'post' && 'code' in f.fields);

  const loginPage = await send('GET', path);
  if (loginPage.status !== 200) throw new Error(`authorize: ${pageMessage(loginPage)}`);
  let answer = await postForm(loginPage, { user: user.login, password: user.password });
  if (isCodeForm(answer)) {
    if (user.code === undefined) throw new Error('the portal asks for a TOTP code and none was given');
    answer = await postForm(answer, { code: user.code });
    if (answer.status < 300 || answer.status >= 400) throw new Error(`TOTP code refused: ${pageMessage(answer)}`);
  } else if (answer.status < 300 || answer.status >= 400) {
    throw new Error(`password step: ${pageMessage(answer)}`);
  } else if (user.code !== undefined) {
    throw new Error('signed in without being asked for the TOTP code');
  }
  const callback = new URL(String(answer.headers.location));
  if (callback.origin !== new URL(BENCH_REDIRECT_URI).origin) throw new Error(`redirected to ${callback.origin}`);
  const code = codeFrom(callback, pkce.state);
  const redeem = tokenRequest(BENCH_CLIENT, code, pkce.verifier);
  const token = await llngRequest(connect, host, 'POST', '/oauth2/token', redeem.headers, redeem.body);
  requests++;
  checkTokens(token.status, token.body);
  return requests;
}
