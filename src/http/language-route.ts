import type { Context, Next } from 'koa';
import { isLocale } from '../i18n/choose-locale.js';

/** The language the person chose from the menu on any page. */
export const LANG_COOKIE = 'gh_lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * GET /lang?l=sv&return=/signin/t/… remembers the language in a cookie and goes back. Only a path on this server
 * is followed back ("/x", never "//host" or "/\host"), so the route cannot send anyone elsewhere.
 */
export function languageRoute(options: { secure: boolean }) {
  return async function chooseLanguage(ctx: Context, next: Next): Promise<void> {
    if (ctx.path !== '/lang' || ctx.method !== 'GET') return next();
    const locale = ctx.query.l;
    if (isLocale(locale)) {
      ctx.cookies.set(LANG_COOKIE, locale, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', overwrite: true, maxAge: ONE_YEAR_MS });
    }
    ctx.redirect(sameOriginPath(ctx.query.return) ?? '/portal');
  };
}

export function sameOriginPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  if (!/^\/(?![/\\])/.test(value) || /[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  return value;
}
