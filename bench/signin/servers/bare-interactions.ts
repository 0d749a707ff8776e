import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import type { Provider } from 'oidc-provider';
import type { Directory } from '../../../src/directory/index.js';
import { matchTotpCode } from '../../../src/mfa/adapters/totp/totp-code.js';

/**
 * With `totpSecretOf`, the login asks for an authenticator code after the password, checked once per step (for
 * every client, or only for `totpClient` when given).
 */
export interface BareOptions {
  totpSecretOf?: (login: string) => string;
  totpClient?: string;
}

/**
 * The baseline's whole login UI: one page with username and password, one POST that checks the password with the
 * same directory call as Gatehouse and finishes the interaction with login and a consent grant (with TOTP: a
 * second page and POST for the code first). Nothing else (no CSRF token, no transaction, no policy, no audit, no
 * lockout): the least an oidc-provider deployment can do.
 */
export function bareInteractions(provider: Provider, directory: Directory, options: BareOptions = {}): Router {
  const router = new Router({ prefix: '/interaction' });
  const forms = bodyParser({ enableTypes: ['form'], formLimit: '16kb' });
  const lastStep = new Map<string, number>();

  const finish = async (ctx: Context, accountId: string, clientId: string, scope: string, amr: string[]) => {
    const grant = new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(scope);
    const grantId = await grant.save();
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId, amr }, consent: { grantId } }, { mergeWithLastSubmission: false });
  };

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
    const wantsCode = options.totpSecretOf && (!options.totpClient || details.params.client_id === options.totpClient);
    if (!wantsCode) return finish(ctx, check.user.id, String(details.params.client_id), String(details.params.scope), ['pwd']);
    // The password step is remembered in the interaction, as oidc-provider's examples keep state between pages.
    details.result = { passwordOf: { accountId: check.user.id, login: check.user.login } };
    await details.save(details.exp - Math.floor(Date.now() / 1000));
    renderCode(ctx, details.uid, '');
  });

  router.post('/:uid/code', forms, async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const password = (details.result as { passwordOf?: { accountId: string; login: string } } | undefined)?.passwordOf;
    if (!password || !options.totpSecretOf) return renderLogin(ctx, details.uid, 'Sign in first.', 400);
    const body = (ctx.request as { body?: Record<string, unknown> }).body ?? {};
    const step = matchTotpCode(options.totpSecretOf(password.login), String(body.code ?? ''), Math.floor(Date.now() / 1000));
    if (step === null || step <= (lastStep.get(password.login) ?? -1)) return renderCode(ctx, details.uid, 'Wrong code.', 401);
    lastStep.set(password.login, step);
    await finish(ctx, password.accountId, String(details.params.client_id), String(details.params.scope), ['pwd', 'otp']);
  });

  return router;
}

function renderLogin(ctx: Context, uid: string, message: string, status = 200): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = `<!doctype html><title>Sign in</title><p>${message}</p>
<form method="post" action="/interaction/${uid}/login"><input name="login"><input name="password" type="password"><button>Sign in</button></form>`;
}

function renderCode(ctx: Context, uid: string, message: string, status = 200): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = `<!doctype html><title>Code</title><p>${message}</p>
<form method="post" action="/interaction/${uid}/code"><input name="code" inputmode="numeric"><button>Verify</button></form>`;
}
