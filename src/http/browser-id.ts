import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { BROWSER_COOKIE, cookieOptions, readIdCookie } from './cookies.js';

/** A year: the cookie also tells policy whether this is a device the user signed in from before. */
const DEVICE_COOKIE_LIFETIME_MS = 365 * 86_400_000;

/**
 * The browser's id, set on first need: sign-in transactions are bound to it so they cannot be posted from
 * elsewhere, and it is the device cookie behind policy's `devices: { known }`.
 */
export function ensureBrowserId(ctx: Context, secure: boolean): string {
  const existing = readIdCookie(ctx, BROWSER_COOKIE);
  if (existing) return existing;
  const id = randomBytes(24).toString('base64url');
  ctx.cookies.set(BROWSER_COOKIE, id, cookieOptions(secure, DEVICE_COOKIE_LIFETIME_MS));
  return id;
}
