import type { Context } from 'koa';
import { continueLogout, currentSession, endSsoSession, renderSignedOut } from '../../saml/index.js';
import { cleanupUrlsFor } from '../relying-parties.js';
import type { WsfedDeps } from '../types.js';

/** A wreply for sign-out is used only when it is a registered reply URL (of the named realm, when one is named). */
function registeredReply(deps: WsfedDeps, params: Record<string, string>): string | undefined {
  const { wreply, wtrealm } = params;
  if (!wreply) return undefined;
  const candidates = wtrealm ? [deps.relyingParties.byRealm(wtrealm)] : deps.relyingParties.all();
  return candidates.some((rp) => rp?.reply === wreply) ? wreply : undefined;
}

/**
 * wa=wsignout1.0: ends the SSO session, sends LogoutRequests to its SAML participants one after another, then
 * shows the signed-out page with wsignoutcleanup1.0 calls to the other realms, and goes on to wreply when it is
 * registered.
 */
export async function signOut(ctx: Context, deps: WsfedDeps, params: Record<string, string>): Promise<void> {
  const { session, participants, rpIds } = await currentSession(ctx, deps.saml);
  await endSsoSession(ctx, deps.saml, session);
  const initiator = params.wtrealm ? deps.relyingParties.byRealm(params.wtrealm)?.id : undefined;
  deps.signin.audit.record({ event: 'wsfed.signedout', result: 'success', ...(session ? { uniqueId: session.login } : {}), ...(initiator ? { rp: initiator } : {}), clientIp: deps.clientIp(ctx) });
  const reply = registeredReply(deps, params);
  await continueLogout(ctx, deps.saml, {
    pending: participants,
    partial: false,
    cleanupUrls: cleanupUrlsFor(deps.relyingParties, rpIds.filter((id) => id !== initiator)),
    finish: reply ? { kind: 'url', url: reply } : { kind: 'page' },
  });
}

/** wa=wsignoutcleanup1.0: another party signed the user out; end the session here too, nothing more. */
export async function cleanUp(ctx: Context, deps: WsfedDeps, params: Record<string, string>): Promise<void> {
  const { session } = await currentSession(ctx, deps.saml);
  await endSsoSession(ctx, deps.saml, session);
  deps.signin.audit.record({ event: 'wsfed.signedout', result: 'success', reason: 'cleanup', ...(session ? { uniqueId: session.login } : {}), clientIp: deps.clientIp(ctx) });
  const reply = registeredReply(deps, params);
  if (reply) return ctx.redirect(reply);
  await renderSignedOut(ctx, []);
}
