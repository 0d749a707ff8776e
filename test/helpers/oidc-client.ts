import * as client from 'openid-client';
import { TEST_CLIENT, TEST_REDIRECT_URI } from './test-gatehouse.js';
import { FormBrowser, type BrowserResponse } from './form-browser.js';

/** An OIDC relying party driven by openid-client (a client nobody here wrote), with PKCE and state. */
export async function discoverClient(issuerBase: string, clientId = TEST_CLIENT.id, secret = TEST_CLIENT.secret): Promise<client.Configuration> {
  return client.discovery(new URL(`${issuerBase}/oidc`), clientId, undefined, client.ClientSecretBasic(secret), {
    execute: [client.allowInsecureRequests],
  });
}

export interface AuthorizationStart {
  url: URL;
  verifier: string;
  state: string;
}

export async function startAuthorization(config: client.Configuration, extra: Record<string, string> = {}): Promise<AuthorizationStart> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: TEST_REDIRECT_URI,
    scope: 'openid profile email groups offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  });
  return { url, verifier, state };
}

/** A browser that stops when it is sent back to the test app (its redirect or post-logout URI). */
export function appBrowser(headers: Record<string, string> = {}): FormBrowser {
  return new FormBrowser((url) => url.host === new URL(TEST_REDIRECT_URI).host, headers);
}

/** Identify + password through the real pages; returns the final response (the callback when it worked). */
export async function signInWithPassword(browser: FormBrowser, start: AuthorizationStart, login: string, password: string): Promise<BrowserResponse> {
  const identify = await browser.get(start.url.toString());
  if (identify.status === 0) return identify;
  const passwordPage = await browser.submit(identify, { username: login });
  return browser.submit(passwordPage, { password });
}

export async function redeem(config: client.Configuration, start: AuthorizationStart, callbackUrl: string) {
  return client.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: start.verifier, expectedState: start.state });
}
