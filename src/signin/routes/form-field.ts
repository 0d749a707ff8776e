import type { Context } from 'koa';
import { BadRequestError } from '../../errors/gatehouse-error.js';

/** One text field of a posted form, bounded in length; a missing or repeated field is a bad request. */
export function formField(ctx: Context, name: string, maxLength = 1024): string {
  const body = (ctx.request as { body?: unknown }).body;
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string') throw new BadRequestError('bad_request', `The form field "${name}" is missing.`);
  if (value.length > maxLength) throw new BadRequestError('bad_request', `The form field "${name}" is too long.`);
  return value;
}

/** The CSRF field, which loadTransaction checks; undefined when absent so the check reports it. */
export function csrfField(ctx: Context): unknown {
  const body = (ctx.request as { body?: unknown }).body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>).csrf : undefined;
}
