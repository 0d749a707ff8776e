import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { ensureBrowserId } from '../../../http/browser-id.js';
import { readIdCookie, SSO_COOKIE } from '../../../http/cookies.js';
import { advance } from '../../../signin/routes/advance.js';
import { startSignin } from '../../../signin/steps/start-signin.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { AcceptedAuthnRequest, SamlDeps } from '../types.js';
import { answerRefusal } from './answer-refusal.js';

/** Where an accepted request waits for its sign-in, under the transaction's handle. */
export const PENDING_KEY = (handle: string) => `saml:authn:${handle}`;

/**
 * Starts the sign-in transaction for an accepted AuthnRequest (the protocol only translates: hint, ForceAuthn,
 * requested context). IsPassive: answered NoPassive unless the SSO session can be re-used without a page.
 */
export async function beginSignin(ctx: Context, deps: SamlDeps, request: AcceptedAuthnRequest): Promise<void> {
  const sp = deps.serviceProviders.byId(request.spId);
  if (!sp) throw new Error(`SAML SP ${request.spId} vanished from config`);
  const replyTo = { sp, acsUrl: request.acsUrl, ...(request.requestId ? { inResponseTo: request.requestId } : {}), ...(request.relayState !== undefined ? { relayState: request.relayState } : {}) };
  const noPassive = new SamlRefusal('no_passive', 'Signing in here needs the user, and the application asked not to involve them (IsPassive).', { code: 'Responder', subcode: 'NoPassive' });
  const sso = await deps.signin.sso.find(readIdCookie(ctx, SSO_COOKIE));
  if (request.isPassive && (!sso || request.forceAuthn)) return answerRefusal(ctx, deps, noPassive, replyTo);

  const handle = randomBytes(24).toString('base64url');
  const tx = await startSignin(deps.signin, {
    origin: { protocol: 'saml', rpId: sp.id, rpName: sp.name, handle },
    request: { ...(request.loginHint ? { loginHint: request.loginHint } : {}), forceAuthn: request.forceAuthn, requestedContext: request.requestedContext },
    clientIp: deps.clientIp(ctx),
    browserId: ensureBrowserId(ctx, deps.secure),
    ...(sso ? { sso } : {}),
  });
  if (request.isPassive) {
    await advance(deps.signin, tx);
    if (tx.state !== 'issue') return answerRefusal(ctx, deps, noPassive, replyTo);
  }
  await deps.store.set(PENDING_KEY(handle), request, deps.transactionLifetimeMs);
  await deps.showSignin(ctx, tx);
}
