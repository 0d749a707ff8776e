import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { GatehouseError } from '../errors/gatehouse-error.js';

interface HttpLikeError {
  status?: number;
  expose?: boolean;
  message?: string;
  type?: string;
}

/**
 * Turns every error into a clear answer: a page for people, JSON for APIs. Never a stack trace; unexpected errors
 * are logged with their stack and shown as a generic message.
 */
export function errorHandler(logger: Logger) {
  return async function handleErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) ctx.throw(404);
    } catch (error) {
      const { status, code, message } = describe(error);
      // An outage (store unreachable) fails every request alike: one line each, not a stack trace each.
      if (status === 503 && error instanceof GatehouseError) logger.warn({ path: ctx.path, code, cause: String(error.cause ?? '') }, 'request refused: a dependency is unavailable');
      else if (status >= 500) logger.error({ err: error, path: ctx.path }, 'request failed');
      else logger.debug({ path: ctx.path, status, code }, 'request refused');
      ctx.status = status;
      if (status === 503) ctx.set('Retry-After', '5');
      if (wantsJson(ctx)) {
        ctx.body = { error: code, error_description: message };
        return;
      }
      await ctx.render('pages/error', { title: ctx.state.t(`error.${code}.title`, {}) , code, message, status });
      ctx.status = status;
    }
  };
}

function describe(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof GatehouseError) {
    return { status: error.status, code: error.code, message: error.expose ? error.message : 'Something went wrong.' };
  }
  const e = (error ?? {}) as HttpLikeError;
  const status = typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500;
  if (status === 413) return { status, code: 'too_large', message: 'The form was too large.' };
  if (status === 415) return { status, code: 'bad_request', message: 'This kind of request is not accepted here.' };
  if (status === 404) return { status, code: 'not_found', message: 'There is no page at this address.' };
  if (status < 500 && e.expose) return { status, code: 'bad_request', message: e.message ?? 'Bad request.' };
  return { status, code: status === 503 ? 'unavailable' : 'server_error', message: status === 503 ? 'The service is unavailable for a moment. Try again shortly.' : 'Something went wrong on our side. Try again.' };
}

function wantsJson(ctx: Context): boolean {
  return ctx.path.startsWith('/admin/api') || ctx.path.startsWith('/device/') || (ctx.accepts('html', 'json') === 'json');
}
