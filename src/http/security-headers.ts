import type { Context, Next } from 'koa';

/**
 * A strict policy for every page Gatehouse renders: no inline script or style, nothing from elsewhere, never
 * framed. form-action is left open on purpose: sign-in forms end in a redirect to the relying party, and browsers
 * apply form-action to every redirect of the submission.
 */
const CSP = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self'"].join('; ');

export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  // Set before the handlers run, so that error pages carry them too, and so that oidc-provider's auto-posting pages
  // (response_mode=form_post, and sign-out without a session) can add their inline script's hash to the policy they
  // find: set only afterwards, the policy blocked that script and left the page blank. A handler may replace the
  // policy (the SAML logout chain does).
  ctx.set('Content-Security-Policy', CSP);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Frame-Options', 'DENY');
  if (ctx.path.startsWith('/signin') || ctx.path.startsWith('/portal')) ctx.set('Cache-Control', 'no-store');
  await next();
}
