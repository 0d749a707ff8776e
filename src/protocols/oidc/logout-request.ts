import type { IncomingMessage } from 'node:http';

/**
 * What is known of an OIDC sign-out request while oidc-provider handles it: who is signing out (read from the SSO
 * session before oidc-provider ends it) and whether the user confirmed. Keyed by the Node request, the one object
 * Gatehouse's middleware and oidc-provider's event listeners share.
 */
const requests = new WeakMap<IncomingMessage, { login?: string; confirmed: boolean }>();

export function noteSigningOut(req: IncomingMessage, login: string | undefined): void {
  requests.set(req, { ...(login ? { login } : {}), confirmed: false });
}

export function noteSignedOut(req: IncomingMessage): void {
  const known = requests.get(req);
  requests.set(req, { ...known, confirmed: true });
}

/** Whether the user confirmed sign-out on this request. */
export function signedOutOn(req: IncomingMessage): boolean {
  return requests.get(req)?.confirmed ?? false;
}

/** The login of the user signing out on this request, when the browser had an SSO session. */
export function loginSigningOut(req: IncomingMessage): string | undefined {
  return requests.get(req)?.login;
}
