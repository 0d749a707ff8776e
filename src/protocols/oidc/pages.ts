import type { KoaContextWithOIDC, ErrorOut } from 'oidc-provider';

/** The logout question, in Gatehouse's layout; oidc-provider supplies the form (with its own CSRF field). */
export async function renderLogout(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  await ctx.render('pages/logout', { title: ctx.state.t('logout.title'), form });
}

export async function renderLoggedOut(ctx: KoaContextWithOIDC): Promise<void> {
  await ctx.render('pages/message', { title: ctx.state.t('logout.done.title'), message: ctx.state.t('logout.done.message') });
}

/** oidc-provider's errors shown to a person (when it cannot redirect back to the RP): the code and text, no trace. */
export async function renderProviderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  const message = out.error_description ? `${out.error}: ${out.error_description}` : out.error;
  const title = ctx.status === 503 ? 'error.unavailable.title' : ctx.status >= 500 ? 'error.server_error.title' : 'error.oidc.title';
  await ctx.render('pages/error', { title: ctx.state.t(title), message });
}
