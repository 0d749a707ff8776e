import type { Context, Next } from 'koa';

/**
 * A strict policy for every page Gatehouse renders: no inline script or style, nothing from elsewhere, never
 * framed. form-action is left open on purpose: sign-in forms end in a redirect to the relying party, and browsers
 * apply form-action to every redirect of the submission.
 */
const CSP = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self'"].join('; ');

export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  await next();
  // oidc-provider's own pages that need a script (form_post) send their own policy with the script's hash.
  if (!ctx.response.get('Content-Security-Policy')) ctx.set('Content-Security-Policy', CSP);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Frame-Options', 'DENY');
  if (ctx.path.startsWith('/signin') || ctx.path.startsWith('/portal')) ctx.set('Cache-Control', 'no-store');
}
