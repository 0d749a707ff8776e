import type { Context } from 'koa';
import type { DirectoryUser } from '../directory/types.js';
import { formatDate } from '../i18n/format.js';
import type { EnrollableMfaAdapter, MfaView } from '../mfa/types.js';
import type { PortalDeps, PortalOverview } from './portal-actions.js';
import type { PortalSession } from './portal-sessions.js';

/** The portal's home: methods, default method, recent sign-ins, and only the actions the admin allows. */
export async function renderHome(ctx: Context, deps: PortalDeps, session: PortalSession, user: DirectoryUser, data: PortalOverview): Promise<void> {
  const t = ctx.state.t;
  await ctx.render('portal/home', {
    title: t('portal.title'),
    csrf: session.csrf,
    user: { login: user.login, name: user.name ?? user.login },
    notice: session.notice,
    settings: deps.settings,
    ...data,
    methods: data.methods.map((row) => ({ ...row, since: row.enrolled ? formatDate(row.enrolled.createdAt, ctx.state.locale()) : undefined })),
    anyEnrolled: data.methods.some((row) => row.enrolled && !row.fallback),
    history: data.history.map((entry) => ({ ...entry, when: formatDate(entry.time, ctx.state.locale(), 'datetime'), methods: entry.amr.join(', ') })),
  });
}

/** An adapter's enrollment page inside the portal's frame. */
export async function renderEnrollPage(
  ctx: Context,
  deps: PortalDeps,
  session: PortalSession,
  adapter: EnrollableMfaAdapter,
  view: MfaView,
  error?: string,
): Promise<void> {
  const t = ctx.state.t;
  const name = deps.registry.displayName(adapter, ctx.state.locale());
  const fragment = await deps.registry.render(view, { t, lang: 'en', action: `/portal/methods/${adapter.id}/enroll`, csrf: session.csrf, error });
  await ctx.render('portal/enroll', { title: t('portal.enroll.title', { method: name }), fragment });
}

/** Pages shown once after an enrollment (recovery codes): rendered in this answer only, never stored. */
export async function renderShownOnce(ctx: Context, deps: PortalDeps, session: PortalSession, adapter: EnrollableMfaAdapter, views: MfaView[]): Promise<void> {
  const t = ctx.state.t;
  const once = await Promise.all(views.map((view) => deps.registry.render(view, { t, lang: 'en', action: '/portal', csrf: session.csrf })));
  await ctx.render('portal/shown-once', { title: t('portal.shownOnce.title'), method: deps.registry.displayName(adapter, ctx.state.locale()), once, fallback: adapter.metadata.fallback === true });
}
