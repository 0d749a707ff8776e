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

/** Moves a transaction on as far as it goes without the person, saves it, and answers with its page or its end. */
export type ShowSignin = (ctx: Context, tx: SigninTransaction) => Promise<void>;

/**
 * The one answer every sign-in request gets, from the protocol's first request to the last form: the page of the
 * state the transaction rests in, in the answer itself, or the redirect to the protocol's completion once it is
 * ready to issue. As AD FS and Keycloak answer a form with the next one, no redirect and GET come between two
 * pages: each would cost the browser a round trip and the server a request. Posting a form again (a refresh) is
 * harmless: each step runs only in its own state, so the current page is shown again.
 */
export function signinResponder(deps: SigninDeps, completions: Partial<Completions>): ShowSignin {
  return async (ctx, tx) => {
    await advance(deps, tx);
    await deps.transactions.save(tx);
    const complete = completions[tx.origin.protocol];
    if (tx.state === 'issue' && complete) {
      // After a form, 303 makes the browser follow with a GET.
      if (ctx.method === 'POST') ctx.status = 303;
      return ctx.redirect(complete(tx));
    }
    // The page may come from a protocol endpoint or a form's address: the language menu returns to the sign-in's own,
    // and the sign-in's ui_locales choose the language even where the transaction was just started, not loaded.
    ctx.state.here = `/signin/t/${tx.id}`;
    ctx.state.uiLocales = tx.request.uiLocales;
    await renderState(ctx, deps, tx, complete?.(tx));
  };
}

/**
 * The sign-in pages. Each handler only loads the transaction, checks it, runs one step, saves and answers:
 * the steps themselves know nothing of Koa.
 */
export function signinRouter(deps: SigninDeps, respond: ShowSignin): Router {
  const router = new Router({ prefix: '/signin/t' });
  const forms = bodyParser({ enableTypes: ['form'], formLimit: '16kb', encoding: 'utf-8' });

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
  // A form's address is where the browser stays after posting it: opened again (a bookmark, a new tab, a reload
  // that does not re-post), it shows the sign-in's current page.
  router.get(['/:id/:action', '/:id/:action/:detail', '/:id/:action/:detail/:more'], async (ctx) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id! });
    await respond(ctx, tx);
  });
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
