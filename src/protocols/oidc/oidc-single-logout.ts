import type { Context, Next } from 'koa';
import { continueLogout, currentSession } from '../saml/index.js';
import type { SamlDeps } from '../saml/types.js';
import { SessionParticipants } from '../saml/logout/session-participants.js';
import { noteSigningOut, signedOutOn } from './logout-request.js';

/** oidc-provider's sign-out confirmation, under the /oidc mount. */
const CONFIRM_PATH = '/oidc/session/end/confirm';

/**
 * Single logout from OIDC end-session, as from SAML and WS-Federation: once the user confirmed, the SAML service
 * providers of the ended SSO session get their LogoutRequest one after another, and the WS-Federation realms their
 * cleanup call from the signed-out page, before the browser goes on to where oidc-provider sent it (the app's
 * registered post_logout_redirect_uri, or the signed-out page). Wraps oidc-provider, which knows nothing of them.
 */
export function oidcSingleLogout(deps: SamlDeps) {
  return async function oidcSingleLogoutMiddleware(ctx: Context, next: Next): Promise<void> {
    if (ctx.method !== 'POST' || ctx.path !== CONFIRM_PATH) return next();
    // Read before oidc-provider runs: the sign-out ends the session.
    const { session, participants, rpIds } = await currentSession(ctx, deps);
    noteSigningOut(ctx.req, session?.login);
    await next();
    if (!session || !signedOutOn(ctx.req)) return;
    await new SessionParticipants(deps.store).clear(session.id);
    const cleanupUrls = deps.cleanupUrls(rpIds);
    if (participants.length === 0 && cleanupUrls.length === 0) return;
    const location = ctx.status >= 300 && ctx.status < 400 ? ctx.response.get('Location') : '';
    ctx.remove('Location');
    // oidc-provider's own answer is replaced: a redirect to the first SP, or the signed-out page.
    ctx.status = 200;
    await continueLogout(ctx, deps, { pending: participants, partial: false, cleanupUrls, finish: location ? { kind: 'url', url: location } : { kind: 'page' } });
  };
}
