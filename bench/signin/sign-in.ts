import { BENCH_CLIENT, BENCH_REDIRECT_URI, BENCH_SCOPE } from './bench-constants.js';
import { CookieClient, type Page } from './cookie-client.js';
import { pkcePair } from './pkce.js';
import { readForms } from './read-forms.js';
import type { RequestRecorder } from './request-log.js';

const REDIRECT = new URL(BENCH_REDIRECT_URI);
const MAX_PAGES = 5;

/**
 * One complete sign-in as a fresh browser and its relying party would do it: authorize with PKCE, fill and post
 * whatever sign-in pages the server shows (a form's username and password fields are filled, the rest posted as
 * served), stop at the redirect URI with the code, redeem it at the token endpoint with client_secret_basic.
 * Contender-agnostic: Gatehouse shows two pages, the bare baseline one. Throws on anything but tokens.
 */
export async function signIn(issuerBase: string, user: { login: string; password: string }, log: RequestRecorder): Promise<void> {
  const pkce = pkcePair();
  const browser = new CookieClient((url) => url.host === REDIRECT.host, log);
  const authorize = new URL(`${issuerBase}/oidc/auth`);
  authorize.search = new URLSearchParams({
    client_id: BENCH_CLIENT.id,
    response_type: 'code',
    scope: BENCH_SCOPE,
    redirect_uri: BENCH_REDIRECT_URI,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    state: pkce.state,
  }).toString();

  let page = await browser.get(authorize);
  for (let pages = 0; !page.stopped; pages++) {
    if (pages === MAX_PAGES) throw new Error(`still on a page after ${MAX_PAGES} forms: ${page.url.pathname}`);
    page = await submitSigninForm(browser, page, user);
  }
  const code = codeFrom(page.url, pkce.state);
  await redeem(issuerBase, code, pkce.verifier, log);
}

async function submitSigninForm(browser: CookieClient, page: Page, user: { login: string; password: string }): Promise<Page> {
  const form = page.status === 200 ? readForms(page.body)[0] : undefined;
  if (!form) throw new Error(`HTTP ${page.status} without a sign-in form at ${page.url.pathname}: ${page.body.slice(0, 200)}`);
  const fields = { ...form.fields };
  for (const name of ['username', 'login']) if (name in fields) fields[name] = user.login;
  if ('password' in fields) fields.password = user.password;
  return browser.post(new URL(form.action || page.url.toString(), page.url), fields);
}

function codeFrom(callback: URL, state: string): string {
  const params = callback.searchParams;
  if (params.get('error')) throw new Error(`authorization failed: ${params.get('error')} ${params.get('error_description') ?? ''}`);
  if (params.get('state') !== state) throw new Error('the callback carries another state');
  const code = params.get('code');
  if (!code) throw new Error('the callback carries no code');
  return code;
}

async function redeem(issuerBase: string, code: string, verifier: string, log: RequestRecorder): Promise<void> {
  const url = new URL(`${issuerBase}/oidc/token`);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(BENCH_CLIENT.id)}:${encodeURIComponent(BENCH_CLIENT.secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: BENCH_REDIRECT_URI, code_verifier: verifier }).toString(),
  });
  const body = (await response.json()) as Record<string, unknown>;
  log.add('POST', url, performance.now() - started);
  if (response.status !== 200 || typeof body.id_token !== 'string' || typeof body.access_token !== 'string') {
    throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
  }
}
