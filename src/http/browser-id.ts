import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { BROWSER_COOKIE, cookieOptions, readIdCookie } from './cookies.js';

/** The browser's id, set on first need: sign-in transactions are bound to it so they cannot be posted from elsewhere. */
export function ensureBrowserId(ctx: Context, secure: boolean): string {
  const existing = readIdCookie(ctx, BROWSER_COOKIE);
  if (existing) return existing;
  const id = randomBytes(24).toString('base64url');
  ctx.cookies.set(BROWSER_COOKIE, id, cookieOptions(secure));
  return id;
}
