import Router from '@koa/router';
import type { Context } from 'koa';
import type { Provider } from 'oidc-provider';
import type { Config, OidcRelyingPartyConfig } from '../../config/index.js';
import { BadRequestError } from '../../errors/gatehouse-error.js';
import { ensureBrowserId } from '../../http/browser-id.js';
import { cookieOptions, readIdCookie, SSO_COOKIE } from '../../http/cookies.js';
import type { SigninDeps } from '../../signin/deps.js';
import { loadTransaction } from '../../signin/routes/load-transaction.js';
import type { ShowSignin } from '../../signin/routes/signin-router.js';
import { completeSignin } from '../../signin/steps/complete-signin.js';
import { startSignin } from '../../signin/steps/start-signin.js';
import type { SigninTransaction } from '../../signin/types.js';
import { acrFor } from './acr.js';
import { signinRequestFrom } from './signin-request.js';

/**
 * The bridge between oidc-provider's interactions and the sign-in transaction: it translates, it never decides.
 * /signin/oidc/:uid starts a transaction and answers with its first page; /signin/oidc/:uid/complete hands the result back. Both live under the
 * path of oidc-provider's interaction cookie.
 */
export function oidcInteractionRouter(deps: { provider: Provider; signin: SigninDeps; config: Config; clientIp: (ctx: Context) => string; showSignin: ShowSignin }) {
  const { provider, signin, config, showSignin } = deps;
  const secure = config.issuer.startsWith('https:');
  const router = new Router({ prefix: '/signin/oidc' });
  const rps = new Map(
    config.relyingParties.filter((rp): rp is OidcRelyingPartyConfig => rp.type === 'oidc').map((rp) => [rp.clientId ?? rp.id, rp]),
  );

  router.get('/:uid', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const rp = rps.get(String(details.params.client_id));
    if (!rp) throw new BadRequestError('bad_request', 'This sign-in request names an application that is not registered.');
    const sso = await signin.sso.find(readIdCookie(ctx, SSO_COOKIE));
    const tx = await startSignin(signin, {
      origin: { protocol: 'oidc', rpId: rp.id, rpName: rp.name ?? rp.id, handle: details.uid },
      request: signinRequestFrom(details, sso, signin.clock.now()),
      clientIp: deps.clientIp(ctx),
      browserId: ensureBrowserId(ctx, secure),
      ...(sso ? { sso } : {}),
    });
    await showSignin(ctx, tx);
  });

  router.get('/:uid/complete', async (ctx) => {
    const tx = await loadTransaction(ctx, signin.transactions, { id: String(ctx.query.tx ?? '') });
    if (tx.origin.protocol !== 'oidc' || tx.origin.handle !== ctx.params.uid) throw new BadRequestError('bad_request', 'This sign-in does not belong to this request.');
    if (tx.state === 'failed') {
      await finish(ctx, { error: 'access_denied', error_description: tx.failure?.code ?? 'sign-in failed' });
      return;
    }
    if (tx.state !== 'issue') return ctx.redirect(`/signin/t/${tx.id}`);
    const session = await completeSignin(signin, tx);
    await signin.transactions.save(tx);
    const persistent = tx.access?.session.persistent ?? false;
    ctx.cookies.set(SSO_COOKIE, session.id, cookieOptions(secure, persistent ? session.expiresAt - signin.clock.now() : undefined));
    await finish(ctx, loginResult(tx, persistent));
  });

  async function finish(ctx: Context, result: Record<string, unknown>): Promise<void> {
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  }

  return router;
}

function loginResult(tx: SigninTransaction, persistent: boolean) {
  return {
    login: { accountId: tx.subject!.id!, acr: acrFor(tx.amr), amr: tx.amr, ts: tx.authTime, remember: persistent },
  };
}
