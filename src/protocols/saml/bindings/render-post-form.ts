import type { Context } from 'koa';

/**
 * The HTTP-POST binding's page: a form to the relying party, submitted by /static/autopost.js (no inline script,
 * so the strict CSP holds) and by a visible Continue button when scripts do not run.
 */
export async function renderPostForm(ctx: Context, options: { action: string; fields: Record<string, string | undefined>; rpName: string }): Promise<void> {
  const fields = Object.entries(options.fields).flatMap(([name, value]) => (value === undefined ? [] : [{ name, value }]));
  await ctx.render('saml/autopost', { title: ctx.state.t('saml.post.title'), action: options.action, fields, rpName: options.rpName });
  ctx.set('Cache-Control', 'no-store');
}
