import type Router from '@koa/router';
import { BadRequestError } from '../../../errors/gatehouse-error.js';
import { cookieOptions, SSO_COOKIE } from '../../../http/cookies.js';
import { loadTransaction } from '../../../signin/routes/load-transaction.js';
import { completeSignin } from '../../../signin/steps/complete-signin.js';
import { renderPostForm } from '../../saml/index.js';
import { buildFault } from '../build-rstr.js';
import { issueToken } from '../issue-token.js';
import type { AcceptedSignin, WsfedDeps } from '../types.js';
import { PENDING_KEY } from './begin-signin.js';

/** Where the sign-in router sends a WS-Federation transaction that is ready to issue, or has failed. */
export const wsfedCompletion = (tx: { id: string }) => `/adfs/ls/complete?tx=${tx.id}`;

/**
 * /adfs/ls/complete: posts the RSTR (wa=wsignin1.0, wresult, wctx) to the realm's registered reply URL; a failed
 * sign-in posts a SOAP fault as wresult instead, so the application can say why.
 */
export function addCompleteRoute(router: Router, deps: WsfedDeps): void {
  router.get('/adfs/ls/complete', async (ctx) => {
    const tx = await loadTransaction(ctx, deps.signin.transactions, { id: String(ctx.query.tx ?? '') });
    if (tx.origin.protocol !== 'wsfed') throw new BadRequestError('bad_request', 'This sign-in does not belong to a WS-Federation request.');
    if (tx.state !== 'issue' && tx.state !== 'failed') {
      if (tx.state === 'done') throw new BadRequestError('bad_wsfed_request', 'This sign-in has already been answered; go back to the application.');
      return ctx.redirect(`/signin/t/${tx.id}`);
    }
    const signin = await deps.store.take<AcceptedSignin>(PENDING_KEY(tx.origin.handle));
    const rp = signin && deps.relyingParties.byId(signin.rpId);
    if (!signin || !rp) throw new BadRequestError('bad_wsfed_request', 'This sign-in has already been answered or has expired; go back to the application.');
    const fields = (wresult: string) => ({ wa: 'wsignin1.0', wresult, wctx: signin.wctx });

    if (tx.state === 'failed') {
      deps.signin.audit.record({ event: 'wsfed.failed', result: 'failure', transactionId: tx.id, reason: tx.failure?.code, rp: rp.id, clientIp: tx.clientIp });
      return renderPostForm(ctx, { action: rp.reply, fields: fields(buildFault('The sign-in did not succeed.')), rpName: rp.name });
    }
    const session = await completeSignin(deps.signin, tx);
    await deps.signin.transactions.save(tx);
    const persistent = tx.access?.session.persistent ?? false;
    ctx.cookies.set(SSO_COOKIE, session.id, cookieOptions(deps.secure, persistent ? session.expiresAt - deps.signin.clock.now() : undefined));
    const user = await deps.signin.directory.getUser(tx.subject!.id!);
    if (!user) throw new BadRequestError('bad_wsfed_request', 'The account is no longer available.');
    const wresult = issueToken(rp, { user, amr: tx.amr, authTime: tx.authTime!, ...(signin.wauth ? { wauth: signin.wauth } : {}) }, { issuer: deps.saml.idp.entityId, signingKey: deps.keys.signing }, deps.signin.clock.now());
    deps.signin.audit.record({ event: 'wsfed.issued', result: 'success', transactionId: tx.id, uniqueId: user.login, authMode: tx.primary ?? 'password', reason: tx.amr.join(' '), rp: rp.id, clientIp: tx.clientIp });
    await renderPostForm(ctx, { action: rp.reply, fields: fields(wresult), rpName: rp.name });
  });
}
