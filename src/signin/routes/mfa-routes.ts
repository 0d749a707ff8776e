import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { BadRequestError } from '../../errors/gatehouse-error.js';
import { isEnrollable } from '../../mfa/is-enrollable.js';
import type { MfaForm, MfaView } from '../../mfa/types.js';
import type { SigninDeps } from '../deps.js';
import { denyBlockedMfa } from '../steps/deny-blocked-mfa.js';
import { beginMfaEnrollment, cancelMfaEnrollment, continueAfterEnrollment, finishMfaEnrollment } from '../steps/enroll-mfa.js';
import { mfaContext, mfaScratch, mfaSubject, methodRequirements } from '../steps/mfa-state.js';
import { chooseMfaMethod, showOtherMethods } from '../steps/start-mfa.js';
import { submitMfa } from '../steps/submit-mfa.js';
import type { SigninTransaction } from '../types.js';
import { csrfField, formField } from './form-field.js';
import { loadTransaction } from './load-transaction.js';

type Respond = (ctx: Context, tx: SigninTransaction) => Promise<void>;

/** The MFA step's forms: answer the method's page, "Sign in another way", and "More information required". */
export function addMfaRoutes(router: Router, deps: SigninDeps, forms: Middleware, respond: Respond): void {
  const inMfa = async (ctx: Context, step: (tx: SigninTransaction) => Promise<void>) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id!, csrf: csrfField(ctx) });
    if (tx.state === 'mfa' && !(await denyBlockedMfa(deps, tx))) await step(tx);
    await respond(ctx, tx);
  };

  router.post('/:id/mfa', forms, (ctx) => inMfa(ctx, (tx) => submitMfa(deps, tx, mfaForm(ctx))));
  router.post('/:id/mfa/other', forms, (ctx) => inMfa(ctx, (tx) => showOtherMethods(deps, tx)));
  router.post('/:id/mfa/choose', forms, (ctx) => inMfa(ctx, (tx) => chooseMfaMethod(deps, tx, formField(ctx, 'method', 64))));
  router.post('/:id/mfa/enroll', forms, (ctx) => inMfa(ctx, (tx) => beginMfaEnrollment(deps, tx, formField(ctx, 'method', 64))));
  router.post('/:id/mfa/enroll/cancel', forms, (ctx) => inMfa(ctx, (tx) => cancelMfaEnrollment(deps, tx)));
  router.post('/:id/mfa/continue', forms, (ctx) => inMfa(ctx, (tx) => continueAfterEnrollment(deps, tx)));

  router.post('/:id/mfa/enroll/confirm', forms, async (ctx) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id!, csrf: csrfField(ctx) });
    const shownOnce = tx.state === 'mfa' ? await finishMfaEnrollment(deps, tx, mfaForm(ctx)) : [];
    if (shownOnce.length === 0) return respond(ctx, tx);
    // Recovery codes: rendered in this answer only, never stored, so they are shown exactly once.
    await deps.transactions.save(tx);
    await renderMfa(ctx, deps, tx, shownOnce);
  });
}

/** The fields an adapter's form posted: strings only, bounded, the CSRF token left out. */
export function mfaForm(ctx: Context): MfaForm {
  const body = (ctx.request as { body?: unknown }).body;
  const form: Record<string, string> = {};
  if (!body || typeof body !== 'object') return form;
  const entries = Object.entries(body as Record<string, unknown>).filter(([name]) => name !== 'csrf');
  if (entries.length > 20) throw new BadRequestError('bad_request', 'The form has too many fields.');
  for (const [name, value] of entries) {
    if (typeof value !== 'string') throw new BadRequestError('bad_request', `The form field "${name}" is repeated.`);
    if (value.length > 1024) throw new BadRequestError('bad_request', `The form field "${name}" is too long.`);
    form[name] = value;
  }
  return form;
}

/** The page of the MFA step in its current mode. */
export async function renderMfa(ctx: Context, deps: SigninDeps, tx: SigninTransaction, shownOnce: MfaView[] = []): Promise<void> {
  const t = ctx.state.t;
  const scratch = mfaScratch(tx);
  const subject = await mfaSubject(deps, tx);
  if (!scratch || !subject) throw new Error(`sign-in ${tx.id}: the MFA step has nothing to show`);
  const { user, registry } = subject;
  const base = `/signin/t/${tx.id}/mfa`;
  const common = { tx: { id: tx.id, csrf: tx.csrf }, rpName: tx.origin.rpName, login: tx.subject?.login ?? '', notice: tx.notice };
  const fragment = (view: MfaView, action: string) => registry.render(view, { t, lang: 'en', action, csrf: tx.csrf, error: scratch.error ?? (tx.notice ? t(tx.notice) : undefined) });
  const adapter = scratch.method ? registry.get(scratch.method) : undefined;

  switch (scratch.mode) {
    case 'challenge': {
      if (!adapter || !scratch.view) break;
      const others = (await registry.availableFor(user, mfaContext(tx), methodRequirements(tx))).length > 1;
      return ctx.render('mfa/challenge', { ...common, title: t('mfa.challenge.title'), method: registry.displayName(adapter, ctx.state.locale()), others, fragment: await fragment(scratch.view, base) });
    }
    case 'choose': {
      const available = await registry.availableFor(user, mfaContext(tx), methodRequirements(tx));
      const methods = available.map((a) => ({ id: a.id, name: registry.displayName(a, ctx.state.locale()) }));
      return ctx.render('mfa/choose', { ...common, title: t('mfa.choose.title'), methods });
    }
    case 'enroll-required': {
      const methods = registry.enrollable(methodRequirements(tx)).filter((a) => !a.metadata.fallback).map((a) => ({ id: a.id, name: registry.displayName(a, ctx.state.locale()) }));
      return ctx.render('mfa/enroll-required', { ...common, title: t('mfa.enrollRequired.title'), methods });
    }
    case 'enroll': {
      if (!adapter || !isEnrollable(adapter)) break;
      const view = await adapter.beginEnrollment(user, mfaContext(tx, 'enrollment'));
      return ctx.render('mfa/enroll', { ...common, title: t('mfa.enroll.title', { method: registry.displayName(adapter, ctx.state.locale()) }), fragment: await fragment(view, `${base}/enroll/confirm`) });
    }
    case 'enrolled': {
      if (!adapter) break;
      const once = await Promise.all(shownOnce.map((view) => fragment(view, `${base}/continue`)));
      return ctx.render('mfa/enrolled', { ...common, title: t('mfa.enrolled.title'), method: registry.displayName(adapter, ctx.state.locale()), once });
    }
  }
  throw new Error(`sign-in ${tx.id}: no MFA page for ${scratch.mode} ${scratch.method ?? ''}`);
}
