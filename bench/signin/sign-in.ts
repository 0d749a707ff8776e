import { walkPages, type Person } from '../matrix/walk-pages.js';
import { BENCH_CLIENT, BENCH_REDIRECT_URI, BENCH_SCOPE } from './bench-constants.js';
import { CookieClient } from './cookie-client.js';
import { pkcePair } from './pkce.js';
import type { RequestRecorder } from './request-log.js';

const REDIRECT = new URL(BENCH_REDIRECT_URI);

export interface OidcClient {
  id: string;
  secret: string;
}

/**
 * One complete sign-in as a fresh browser and its relying party would do it: authorize with PKCE, fill and post
 * whatever sign-in pages the server shows (see walkPages), stop at the redirect URI with the code, redeem it at
 * the token endpoint with client_secret_basic. Contender-agnostic: Gatehouse shows two pages for a password, the
 * bare baseline one. Throws on anything but tokens.
 */
export async function oidcSignIn(issuerBase: string, client: OidcClient, person: Person, log: RequestRecorder): Promise<void> {
  const pkce = pkcePair();
  const browser = new CookieClient((url) => url.host === REDIRECT.host, log);
  const authorize = new URL(`${issuerBase}/oidc/auth`);
  authorize.search = new URLSearchParams({
    client_id: client.id,
    response_type: 'code',
    scope: BENCH_SCOPE,
    redirect_uri: BENCH_REDIRECT_URI,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    state: pkce.state,
  }).toString();
  const callback = await walkPages(browser, await browser.get(authorize), person, (page) => page.stopped);
  const code = codeFrom(callback.url, pkce.state);
  await redeem(issuerBase, client, code, pkce.verifier, log);
}

/** The sign-in benchmark's (bench/signin) one client, password only. */
export function signIn(issuerBase: string, user: { login: string; password: string }, log: RequestRecorder): Promise<void> {
  return oidcSignIn(issuerBase, BENCH_CLIENT, user, log);
}

function codeFrom(callback: URL, state: string): string {
  const params = callback.searchParams;
  if (params.get('error')) throw new Error(`authorization failed: ${params.get('error')} ${params.get('error_description') ?? ''}`);
  if (params.get('state') !== state) throw new Error('the callback carries another state');
  const code = params.get('code');
  if (!code) throw new Error('the callback carries no code');
  return code;
}

async function redeem(issuerBase: string, client: OidcClient, code: string, verifier: string, log: RequestRecorder): Promise<void> {
  const url = new URL(`${issuerBase}/oidc/token`);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
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
