import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { Logger } from 'pino';
import { readIdCookie, SSO_COOKIE } from '../../http/cookies.js';
import type { SsoSessions } from '../../signin/sso-sessions.js';
import { noteSignedOut } from './logout-request.js';

/**
 * When the user signs out through OIDC end-session, Gatehouse's own SSO session ends with it. oidc-provider reports
 * success for "No, stay signed in" too (it then signs the browser out of the asking app only): the SSO session
 * goes on then.
 */
export function endSsoOnLogout(provider: Provider, sessions: SsoSessions, logger: Logger): void {
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    if (!ctx.oidc.params?.logout) return;
    noteSignedOut(ctx.req);
    const id = readIdCookie(ctx, SSO_COOKIE);
    ctx.cookies.set(SSO_COOKIE, null, { path: '/' });
    sessions.destroy(id).catch((error: unknown) => logger.error({ err: error }, 'ending the SSO session failed'));
  });
}
