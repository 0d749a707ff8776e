import type { Context } from 'koa';
import type { AuditEvent, UsageReport } from '../audit/index.js';
import type { PolicyExplanation } from '../policy/index.js';
import type { AdminDeps, UserDetail, UserSummary, WhatIfQuestion } from './admin-actions.js';
import type { SourcedReport } from './admin-reports.js';
import type { AdminSession } from './admin-sessions.js';
import type { RelyingPartyStatus } from './relying-party-status.js';

type Section = 'dashboard' | 'users' | 'audit' | 'whatif' | 'rps';

/** What every admin page shows: the admin, the navigation, the CSRF token for its forms. */
function frame(session: AdminSession, section: Section, title: string) {
  return { title, csrf: session.csrf, adminLogin: session.login, section };
}

export async function renderDashboard(ctx: Context, session: AdminSession, data: { day: SourcedReport; week: SourcedReport; lockoutMode: string; notice?: string }): Promise<void> {
  const t = ctx.state.t;
  await ctx.render('admin/dashboard', {
    ...frame(session, 'dashboard', t('admin.dashboard.title')),
    notice: data.notice,
    lockoutMode: data.lockoutMode,
    source: data.week.source,
    periods: [
      { id: 'day', name: t('admin.report.day'), ...view(data.day.report) },
      { id: 'week', name: t('admin.report.week'), ...view(data.week.report) },
    ],
  });
}

/** The report as rows the template can print without logic. */
function view(report: UsageReport) {
  const rows = (counts: Record<string, number>) => Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([key, count]) => ({ key, count }));
  return {
    signins: report.signins,
    methods: rows(report.signins.byMethod),
    rps: Object.entries(report.signins.byRp).sort(([a], [b]) => a.localeCompare(b)).map(([rp, r]) => ({ rp, ...r })),
    denials: rows(report.denials.byReason),
    denialTotal: report.denials.total,
    push: rows(report.push),
    lockouts: report.lockouts,
    policy: rows(report.policy),
  };
}

export async function renderUsers(ctx: Context, session: AdminSession, query: string, users: UserSummary[] | undefined): Promise<void> {
  await ctx.render('admin/users', { ...frame(session, 'users', ctx.state.t('admin.users.title')), query, users });
}

export async function renderUser(ctx: Context, session: AdminSession, user: UserDetail, notice: string | undefined): Promise<void> {
  await ctx.render('admin/user', {
    ...frame(session, 'users', ctx.state.t('admin.user.title', { login: user.login })),
    notice,
    user,
    path: `/admin/users/${encodeURIComponent(user.login)}`,
    since: (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : ''),
    recent: user.recentSignins.map((entry) => ({ ...entry, when: `${new Date(entry.time).toISOString().slice(0, 16).replace('T', ' ')} UTC`, methods: entry.amr.join(', ') })),
  });
}

export async function renderAudit(ctx: Context, session: AdminSession, filter: { user: string; event: string; result: string }, events: AuditEvent[], capacity: number): Promise<void> {
  await ctx.render('admin/audit', {
    ...frame(session, 'audit', ctx.state.t('admin.audit.title')),
    filter,
    capacity,
    results: ['success', 'failure', 'pending', 'info'],
    events: events.map((e) => ({ ...e, when: e.time.slice(0, 19).replace('T', ' '), policyNames: Array.isArray(e.policies) ? (e.policies as Array<{ name?: string }>).map((p) => p.name).join(', ') : '' })),
  });
}

export async function renderRelyingParties(ctx: Context, session: AdminSession, rps: RelyingPartyStatus[]): Promise<void> {
  await ctx.render('admin/relying-parties', { ...frame(session, 'rps', ctx.state.t('admin.rps.title')), rps });
}

export async function renderWhatIf(
  ctx: Context,
  session: AdminSession,
  deps: AdminDeps,
  result: { form?: { user: string; rp: string; ip: string }; explanation?: PolicyExplanation; error?: string },
): Promise<void> {
  await ctx.render('admin/whatif', {
    ...frame(session, 'whatif', ctx.state.t('admin.whatif.title')),
    rps: deps.relyingParties.map((rp) => ({ id: rp.id, name: rp.name ?? rp.id })),
    form: result.form ?? { user: '', rp: '', ip: '' },
    explanation: result.explanation,
    error: result.error,
  });
}

/** The what-if form's answers, or the translation key of what is wrong with them. */
export function whatIfQuestion(field: (name: string) => string): WhatIfQuestion | string {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = field(name);
    return allowed.includes(value as T) ? (value as T) : undefined;
  };
  const [login, rpId, ip] = [field('user'), field('rp'), field('ip')];
  const device = pick('device', ['known', 'unknown'] as const);
  const method = pick('method', ['password', 'passwordless'] as const);
  const client = pick('client', ['browser', 'other'] as const);
  const requested = pick('requested', ['none', 'pwd', 'mfa', 'phr'] as const);
  if (!login || !rpId || !ip) return 'admin.whatif.missing';
  if (!device || !method || !client || !requested) return 'admin.whatif.invalid';
  return { login, rpId, ip, device, method, client, requested: requested === 'none' ? null : requested };
}
