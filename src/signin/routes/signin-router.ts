import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import type { SigninDeps } from '../deps.js';
import { submitIdentify } from '../steps/identify.js';
import { submitPassword } from '../steps/check-password.js';
import type { SigninTransaction } from '../types.js';
import { advance } from './advance.js';
import { csrfField, formField } from './form-field.js';
import { loadTransaction } from './load-transaction.js';
import { addMfaRoutes, renderMfa } from './mfa-routes.js';
import { addEventsRoute } from './events-route.js';
import { addPasswordlessRoutes, renderPasswordless } from './passwordless-routes.js';

/** Where each protocol takes a transaction that is ready to issue (or has failed). */
export type Completions = Record<SigninTransaction['origin']['protocol'], (tx: SigninTransaction) => string>;

/**
 * The sign-in pages. Each handler only loads the transaction, checks it, runs one step, saves and answers:
 * the steps themselves know nothing of Koa.
 */
export function signinRouter(deps: SigninDeps, completions: Partial<Completions>): Router {
  const router = new Router({ prefix: '/signin/t' });
  const forms = bodyParser({ enableTypes: ['form'], formLimit: '16kb', encoding: 'utf-8' });

  const respond = async (ctx: Context, tx: SigninTransaction) => {
    await advance(deps, tx);
    await deps.transactions.save(tx);
    // After a form, 303 makes the browser follow with a GET (and a refresh never re-posts).
    if (ctx.method === 'POST') ctx.status = 303;
    const complete = completions[tx.origin.protocol];
    if (tx.state === 'issue' && complete) return ctx.redirect(complete(tx));
    if (ctx.method === 'POST') return ctx.redirect(`/signin/t/${tx.id}`);
    await renderState(ctx, deps, tx, complete?.(tx));
  };

  router.get('/:id', async (ctx) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id! });
    await respond(ctx, tx);
  });

  router.post('/:id/identify', forms, async (ctx) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id!, csrf: csrfField(ctx) });
    if (tx.state === 'identify') await submitIdentify(deps, tx, formField(ctx, 'username', 512));
    await respond(ctx, tx);
  });

  router.post('/:id/password', forms, async (ctx) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id!, csrf: csrfField(ctx) });
    if (tx.state === 'password') await submitPassword(deps, tx, formField(ctx, 'password', 1024));
    await respond(ctx, tx);
  });

  router.post('/:id/restart', forms, async (ctx) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id!, csrf: csrfField(ctx) });
    if (tx.state === 'password') {
      deps.transactions.move(tx, 'identify');
      tx.subject = undefined;
      tx.notice = undefined;
    }
    await respond(ctx, tx);
  });

  addMfaRoutes(router, deps, forms, respond);
  addPasswordlessRoutes(router, deps, forms, respond);
  addEventsRoute(router, deps);
  return router;
}

async function renderState(ctx: Context, deps: SigninDeps, tx: SigninTransaction, returnUrl: string | undefined): Promise<void> {
  const t = ctx.state.t;
  const common = { tx: { id: tx.id, csrf: tx.csrf }, rpName: tx.origin.rpName, notice: tx.notice, login: tx.subject?.login ?? '' };
  switch (tx.state) {
    case 'identify':
      return ctx.render('signin/identify', { ...common, title: t('signin.identify.title') });
    case 'passwordless':
      return renderPasswordless(ctx, tx);
    case 'password':
      return ctx.render('signin/password', { ...common, title: t('signin.password.title') });
    case 'mfa':
      return renderMfa(ctx, deps, tx);
    case 'failed':
      ctx.status = 403;
      await ctx.render('pages/error', { title: t('signin.error.title'), message: tx.failure?.message ?? t(tx.failure?.messageKey ?? 'signin.error.title'), returnUrl, rpName: tx.origin.rpName });
      ctx.status = 403;
      return;
    default:
      throw new Error(`sign-in ${tx.id}: no page for state ${tx.state}`);
  }
}
