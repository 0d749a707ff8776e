import type { Context } from 'koa';
import { readIdCookie, SSO_COOKIE } from '../../../http/cookies.js';
import type { SsoSession } from '../../../signin/sso-sessions.js';
import type { SamlDeps, SessionParticipant } from '../types.js';
import { SessionParticipants } from './session-participants.js';

/** What ending a browser's SSO session leaves to notify: SAML participants and the RPs' ids (for WS-Fed cleanup). */
export interface EndedSession {
  session?: SsoSession;
  participants: SessionParticipant[];
  rpIds: string[];
}

/** The browser's SSO session, if any, with its SAML participants. */
export async function currentSession(ctx: Context, deps: SamlDeps): Promise<EndedSession> {
  const session = await deps.signin.sso.find(readIdCookie(ctx, SSO_COOKIE));
  if (!session) return { participants: [], rpIds: [] };
  return { session, participants: await new SessionParticipants(deps.store).list(session.id), rpIds: session.rps };
}

/** Ends the SSO session: the Store entry, its participants, and the cookie; and the browser's OIDC session. */
export async function endSsoSession(ctx: Context, deps: SamlDeps, session: SsoSession | undefined): Promise<void> {
  ctx.cookies.set(SSO_COOKIE, null, { path: '/' });
  await deps.endOidcSession(ctx, session?.login);
  if (!session) return;
  await deps.signin.sso.destroy(session.id);
  await new SessionParticipants(deps.store).clear(session.id);
}
