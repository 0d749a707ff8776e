import type { IncomingMessage } from 'node:http';
import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { Logger } from 'pino';
import { readIdCookie, SSO_COOKIE } from '../../http/cookies.js';
import type { SsoSessions } from '../../signin/sso-sessions.js';

/** The requests on which a user confirmed OIDC sign-out (read by oidc-single-logout.ts once oidc-provider answered). */
const signedOut = new WeakSet<IncomingMessage>();

/**
 * When the user signs out through OIDC end-session, Gatehouse's own SSO session ends with it. oidc-provider reports
 * success for "No, stay signed in" too (it then signs the browser out of the asking app only): the SSO session
 * goes on then.
 */
export function endSsoOnLogout(provider: Provider, sessions: SsoSessions, logger: Logger): void {
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    if (!ctx.oidc.params?.logout) return;
    signedOut.add(ctx.req);
    const id = readIdCookie(ctx, SSO_COOKIE);
    ctx.cookies.set(SSO_COOKIE, null, { path: '/' });
    sessions.destroy(id).catch((error: unknown) => logger.error({ err: error }, 'ending the SSO session failed'));
  });
}

/** Whether the user confirmed sign-out on this request. */
export function signedOutOn(req: IncomingMessage): boolean {
  return signedOut.has(req);
}
