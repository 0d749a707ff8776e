import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import type { Provider } from 'oidc-provider';
import type { Directory } from '../../../src/directory/index.js';

/**
 * The baseline's whole login UI: one page with username and password, one POST that checks the password with the
 * same directory call as Gatehouse and finishes the interaction with login and a consent grant. Nothing else
 * (no CSRF token, no transaction, no policy, no audit): the least an oidc-provider deployment can do.
 */
export function bareInteractions(provider: Provider, directory: Directory): Router {
  const router = new Router({ prefix: '/interaction' });
  const forms = bodyParser({ enableTypes: ['form'], formLimit: '16kb' });

  router.get('/:uid', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    renderLogin(ctx, details.uid, '');
  });

  router.post('/:uid/login', forms, async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const body = (ctx.request as { body?: Record<string, unknown> }).body ?? {};
    const login = String(body.login ?? '');
    const check = await directory.verifyPassword(login, String(body.password ?? ''));
    if (!check.ok) return renderLogin(ctx, details.uid, 'Wrong username or password.', 401);
    const grant = new provider.Grant({ accountId: check.user.id, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: check.user.id, amr: ['pwd'] }, consent: { grantId } }, { mergeWithLastSubmission: false });
  });

  return router;
}

function renderLogin(ctx: Context, uid: string, message: string, status = 200): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = `<!doctype html><title>Sign in</title><p>${message}</p>
<form method="post" action="/interaction/${uid}/login"><input name="login"><input name="password" type="password"><button>Sign in</button></form>`;
}
