import type Router from '@koa/router';
import type { Context } from 'koa';
import { BadRequestError } from '../../../errors/gatehouse-error.js';
import { cookieOptions, SSO_COOKIE } from '../../../http/cookies.js';
import { loadTransaction } from '../../../signin/routes/load-transaction.js';
import type { SsoSession } from '../../../signin/sso-sessions.js';
import { completeSignin } from '../../../signin/steps/complete-signin.js';
import type { SigninTransaction } from '../../../signin/types.js';
import { renderPostForm } from '../bindings/render-post-form.js';
import { SessionParticipants, sessionIndexFor } from '../logout/session-participants.js';
import { issueResponse } from '../response/issue-response.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { AcceptedAuthnRequest, SamlDeps, SamlStatus, ServiceProvider } from '../types.js';
import { answerRefusal } from './answer-refusal.js';
import { PENDING_KEY } from './begin-signin.js';

/** Where the sign-in router sends a SAML transaction that is ready to issue, or has failed. */
export const samlCompletion = (tx: { id: string }) => `/saml/sso/complete?tx=${tx.id}`;

/**
 * /saml/sso/complete: loads the transaction (bound to this browser), takes the request it answers (once), and
 * posts the Response to the ACS: an assertion when the sign-in is issued, an error status when it failed.
 */
export function addCompleteRoute(router: Router, deps: SamlDeps): void {
  router.get('/saml/sso/complete', async (ctx) => {
    const tx = await loadTransaction(ctx, deps.signin.transactions, { id: String(ctx.query.tx ?? '') });
    if (tx.origin.protocol !== 'saml') throw new BadRequestError('bad_request', 'This sign-in does not belong to a SAML request.');
    if (tx.state !== 'issue' && tx.state !== 'failed') {
      if (tx.state === 'done') throw new BadRequestError('bad_saml_request', 'This sign-in has already been answered; go back to the application.');
      return ctx.redirect(`/signin/t/${tx.id}`);
    }
    const request = await deps.store.take<AcceptedAuthnRequest>(PENDING_KEY(tx.origin.handle));
    const sp = request && deps.serviceProviders.byId(request.spId);
    if (!request || !sp) throw new BadRequestError('bad_saml_request', 'This sign-in has already been answered or has expired; go back to the application.');
    const replyTo = { sp, acsUrl: request.acsUrl, ...(request.requestId ? { inResponseTo: request.requestId } : {}), ...(request.relayState !== undefined ? { relayState: request.relayState } : {}) };
    if (tx.state === 'failed') return answerRefusal(ctx, deps, new SamlRefusal(tx.failure?.code ?? 'failed', 'The sign-in did not succeed.', failureStatus(tx)), replyTo, 'saml.failed');

    const session = await completeSignin(deps.signin, tx);
    await deps.signin.transactions.save(tx);
    setSsoCookie(ctx, deps, tx, session);
    try {
      await respond(ctx, deps, { tx, session, sp, request });
    } catch (error) {
      if (error instanceof SamlRefusal) return answerRefusal(ctx, deps, error, replyTo);
      throw error;
    }
  });
}

async function respond(ctx: Context, deps: SamlDeps, input: { tx: SigninTransaction; session: SsoSession; sp: ServiceProvider; request: AcceptedAuthnRequest }): Promise<void> {
  const { tx, session, sp, request } = input;
  const user = await deps.signin.directory.getUser(tx.subject!.id!);
  if (!user) throw new SamlRefusal('user_gone', 'The account is no longer available.', { code: 'Responder', subcode: 'AuthnFailed' });
  const now = deps.signin.clock.now();
  const sessionIndex = sessionIndexFor(deps.sessionIndexKey, session.id);
  const { xml, nameId } = await issueResponse(
    { idp: deps.idp, signingKey: deps.keys.signing, persistentIdKey: deps.persistentIdKey },
    sp,
    request,
    { user, amr: tx.amr, authTime: tx.authTime!, sessionIndex, sessionNotOnOrAfter: session.expiresAt },
    now,
  );
  await new SessionParticipants(deps.store).add(session.id, { spId: sp.id, nameId: nameId.value, nameIdFormat: nameId.format, sessionIndex }, session.expiresAt - now);
  deps.signin.audit.record({ event: 'saml.issued', result: 'success', transactionId: tx.id, uniqueId: user.login, authMode: tx.primary ?? 'password', reason: tx.amr.join(' '), rp: sp.id, clientIp: tx.clientIp });
  await renderPostForm(ctx, { action: request.acsUrl, fields: { SAMLResponse: Buffer.from(xml).toString('base64'), RelayState: request.relayState }, rpName: sp.name });
}

function setSsoCookie(ctx: Context, deps: SamlDeps, tx: SigninTransaction, session: SsoSession): void {
  const persistent = tx.access?.session.persistent ?? false;
  ctx.cookies.set(SSO_COOKIE, session.id, cookieOptions(deps.secure, persistent ? session.expiresAt - deps.signin.clock.now() : undefined));
}

/** A failed sign-in's status: RequestDenied when policy blocked it, AuthnFailed otherwise. */
function failureStatus(tx: SigninTransaction): SamlStatus {
  return { code: 'Responder', subcode: tx.failure?.code === 'access_blocked' ? 'RequestDenied' : 'AuthnFailed' };
}
