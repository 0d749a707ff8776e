import { walkPages, type Person } from '../matrix/walk-pages.js';
import { BENCH_CLIENT, BENCH_REDIRECT_URI } from './bench-constants.js';
import { CookieClient } from './cookie-client.js';
import { authorizationQuery, checkTokens, codeFrom, tokenRequest, type OidcClient } from './oidc-messages.js';
import { pkcePair } from './pkce.js';
import type { RequestRecorder } from './request-log.js';

export type { OidcClient } from './oidc-messages.js';

const REDIRECT = new URL(BENCH_REDIRECT_URI);

/**
 * One complete sign-in as a fresh browser and its relying party would do it: authorize with PKCE, fill and post
 * whatever sign-in pages the server shows (see walkPages), stop at the redirect URI with the code, redeem it at
 * the token endpoint with client_secret_basic. Contender-agnostic: Gatehouse shows two pages for a password, the
 * bare baseline one. Throws on anything but tokens.
 */
export async function oidcSignIn(issuerBase: string, client: OidcClient, person: Person, log: RequestRecorder): Promise<void> {
  const pkce = pkcePair();
  const browser = new CookieClient((url) => url.host === REDIRECT.host, log);
  const authorize = new URL(`${issuerBase}/oidc/auth?${authorizationQuery(client, pkce)}`);
  const callback = await walkPages(browser, await browser.get(authorize), person, (page) => page.stopped);
  const code = codeFrom(callback.url, pkce.state);
  const url = new URL(`${issuerBase}/oidc/token`);
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', ...tokenRequest(client, code, pkce.verifier) });
  const text = await response.text();
  log.add('POST', url, performance.now() - started);
  checkTokens(response.status, text);
}

/** The sign-in benchmark's (bench/signin) one client, password only. */
export function signIn(issuerBase: string, user: { login: string; password: string }, log: RequestRecorder): Promise<void> {
  return oidcSignIn(issuerBase, BENCH_CLIENT, user, log);
}
