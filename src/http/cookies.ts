import type { Context } from 'koa';

/** Cookie options Gatehouse uses everywhere: HttpOnly, SameSite=Lax, Secure whenever the issuer is https. */
export function cookieOptions(secure: boolean, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', overwrite: true, ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

export const BROWSER_COOKIE = 'gh_b';
export const SSO_COOKIE = 'gh_sso';

/** Reads a cookie value only when it has the shape Gatehouse writes (random base64url). */
export function readIdCookie(ctx: Context, name: string): string | undefined {
  const value = ctx.cookies.get(name);
  return value && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : undefined;
}
