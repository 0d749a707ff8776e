import { BENCH_REDIRECT_URI, BENCH_SCOPE } from './bench-constants.js';
import type { pkcePair } from './pkce.js';

/** What every contender's driver sends and checks the same way, whatever carries it (fetch, node:http). */
export interface OidcClient {
  id: string;
  secret: string;
}

type Pkce = ReturnType<typeof pkcePair>;

/** The authorization request's query: code flow, the bench scope and redirect URI, PKCE S256 and state. */
export function authorizationQuery(client: OidcClient, pkce: Pkce): string {
  return new URLSearchParams({
    client_id: client.id,
    response_type: 'code',
    scope: BENCH_SCOPE,
    redirect_uri: BENCH_REDIRECT_URI,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    state: pkce.state,
  }).toString();
}

/** The code from the callback at the redirect URI; throws on an error answer or another state. */
export function codeFrom(callback: URL, state: string): string {
  const params = callback.searchParams;
  if (params.get('error')) throw new Error(`authorization failed: ${params.get('error')} ${params.get('error_description') ?? ''}`);
  if (params.get('state') !== state) throw new Error('the callback carries another state');
  const code = params.get('code');
  if (!code) throw new Error('the callback carries no code');
  return code;
}

/** The token request redeeming `code`: client_secret_basic, the code verifier. */
export function tokenRequest(client: OidcClient, code: string, verifier: string): { headers: Record<string, string>; body: string } {
  return {
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: BENCH_REDIRECT_URI, code_verifier: verifier }).toString(),
  };
}

/** Throws unless the token endpoint answered 200 with an ID token and an access token. */
export function checkTokens(status: number, text: string): void {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {}
  if (status !== 200 || typeof body.id_token !== 'string' || typeof body.access_token !== 'string') throw new Error(`token endpoint answered ${status}: ${text.slice(0, 200)}`);
}
