import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../errors/gatehouse-error.js';
import { BROWSER_COOKIE, readIdCookie } from '../../http/cookies.js';
import type { TransactionRepository } from '../transaction-repository.js';
import type { SigninTransaction } from '../types.js';

/** Loads the sign-in named in the URL and checks it belongs to this browser (and, for forms, the CSRF token). */
export async function loadTransaction(
  ctx: Context,
  transactions: TransactionRepository,
  options: { id: string; csrf?: unknown },
): Promise<SigninTransaction> {
  const tx = await transactions.load(options.id);
  if (!tx) throw new NotFoundError('signin_expired', ctx.state.t('signin.error.expired'));
  const browserId = readIdCookie(ctx, BROWSER_COOKIE);
  if (!browserId || !safeEqual(browserId, tx.browserId)) throw new ForbiddenError('other_browser', ctx.state.t('signin.error.otherBrowser'));
  if (options.csrf !== undefined || ctx.method === 'POST') {
    if (typeof options.csrf !== 'string' || !safeEqual(options.csrf, tx.csrf)) throw new BadRequestError('csrf', ctx.state.t('signin.error.csrf'));
  }
  // The sign-in's ui_locales choose the language of its pages (src/http/render.ts).
  ctx.state.uiLocales = tx.request.uiLocales;
  return tx;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
