import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { SigninDeps } from '../deps.js';
import { passwordlessScratch, usePasswordInstead } from '../steps/passwordless.js';
import type { SigninTransaction } from '../types.js';
import { csrfField } from './form-field.js';
import { loadTransaction } from './load-transaction.js';

type Respond = (ctx: Context, tx: SigninTransaction) => Promise<void>;

/**
 * The passwordless page's forms: "Check again" (the phone's answer is looked at by advance on every visit; the
 * page's script posts this form when the event stream says the sign-in changed) and "Use your password instead".
 */
export function addPasswordlessRoutes(router: Router, deps: SigninDeps, forms: Middleware, respond: Respond): void {
  router.post('/:id/passwordless', forms, async (ctx) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id!, csrf: csrfField(ctx) });
    await respond(ctx, tx);
  });

  router.post('/:id/passwordless/password', forms, async (ctx) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id!, csrf: csrfField(ctx) });
    if (tx.state === 'passwordless') await usePasswordInstead(deps, tx);
    await respond(ctx, tx);
  });
}

/** The number to choose in the app, "Use your password instead", and the event stream that moves the page on. */
export async function renderPasswordless(ctx: Context, tx: SigninTransaction): Promise<void> {
  const t = ctx.state.t;
  const scratch = passwordlessScratch(tx);
  if (!scratch) throw new Error(`sign-in ${tx.id}: the passwordless step has nothing to show`);
  await ctx.render('signin/passwordless', {
    title: t('signin.passwordless.title'),
    tx: { id: tx.id, csrf: tx.csrf },
    rpName: tx.origin.rpName,
    login: tx.subject?.login ?? '',
    number: scratch.number,
    events: `/signin/t/${tx.id}/events?since=${scratch.since}`,
  });
}
