import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import { BadRequestError } from '../errors/gatehouse-error.js';
import { ensureBrowserId } from '../http/browser-id.js';
import { cookieOptions, readIdCookie, SSO_COOKIE } from '../http/cookies.js';
import type { SigninDeps } from '../signin/deps.js';
import { csrfField, formField } from '../signin/routes/form-field.js';
import { loadTransaction } from '../signin/routes/load-transaction.js';
import { completeSignin } from '../signin/steps/complete-signin.js';
import { startSignin } from '../signin/steps/start-signin.js';
import { explainWhatIf, findUsers, recentEvents, relyingParties, removeUserDevice, resetUserMfa, unblockUser, unlockUser, userDetail, type AdminCall, type AdminDeps } from './admin-actions.js';
import { ADMIN_COOKIE, adminSessionOf, sameSecret, type AdminAuthDeps } from './admin-auth.js';
import { renderAudit, renderDashboard, renderRelyingParties, renderUser, renderUsers, renderWhatIf, whatIfQuestion } from './admin-pages.js';
import type { AdminSession } from './admin-sessions.js';
import { isAdmin } from './is-admin.js';

export interface AdminRouterDeps {
  actions: AdminDeps;
  auth: AdminAuthDeps;
  signin: SigninDeps;
  /** Cookies are Secure when the issuer is https. */
  secure: boolean;
  clientIp: (ctx: Context) => string;
}

/** Where the sign-in pipeline hands a finished admin sign-in back (the signin router's `completions.admin`). */
export const adminCompletion = (tx: { id: string }) => `/admin/complete?tx=${tx.id}`;

/**
 * The admin pages. An admin signs in through the same pipeline as any app (origin `admin`, rp id `admin`) with
 * MFA asked for, and must be in config `admin.group`. Every form carries the session's CSRF token; every action is
 * audited with the admin's login.
 */
export function adminRouter(deps: AdminRouterDeps): Router {
  const router = new Router({ prefix: '/admin' });
  const forms = bodyParser({ enableTypes: ['form'], formLimit: '16kb', encoding: 'utf-8' });
  const cookie = { ...cookieOptions(deps.secure), path: '/admin' };
  const { actions } = deps;

  router.use(async (ctx, next) => {
    if (ctx.path.startsWith('/admin/api')) return next();
    ctx.set('Cache-Control', 'no-store');
    await next();
  });

  /** Starts an admin sign-in asking for MFA, and comes back to `next`. */
  async function signIn(ctx: Context, next: string): Promise<void> {
    const sso = await deps.signin.sso.find(readIdCookie(ctx, SSO_COOKIE));
    const tx = await startSignin(deps.signin, {
      origin: { protocol: 'admin', rpId: 'admin', rpName: ctx.state.t('admin.name'), handle: next },
      request: { forceAuthn: false, requestedContext: 'mfa' },
      clientIp: deps.clientIp(ctx),
      browserId: ensureBrowserId(ctx, deps.secure),
      ...(sso ? { sso } : {}),
    });
    await deps.signin.transactions.save(tx);
    ctx.redirect(`/signin/t/${tx.id}`);
  }

  /** The admin session; without one a page starts a sign-in and a form goes back to /admin. Forms are CSRF-checked. */
  async function visit(ctx: Context): Promise<{ session: AdminSession; call: AdminCall } | undefined> {
    const session = await adminSessionOf(ctx, deps.auth);
    if (!session) {
      if (ctx.method === 'GET') await signIn(ctx, safeNext(ctx.querystring ? `${ctx.path}?${ctx.querystring}` : ctx.path));
      else (ctx.status = 303), ctx.redirect('/admin');
      return undefined;
    }
    if (ctx.method === 'POST' && !sameSecret(csrfField(ctx), session.csrf)) throw new BadRequestError('csrf', ctx.state.t('signin.error.csrf'));
    return { session, call: { admin: { kind: 'session', actor: session.login, csrf: session.csrf }, clientIp: deps.clientIp(ctx) } };
  }

  const done = async (ctx: Context, session: AdminSession, notice: string, to: string) => {
    await deps.auth.sessions.save({ ...session, notice });
    ctx.status = 303;
    ctx.redirect(to);
  };
  const takeNotice = async (session: AdminSession) => {
    if (session.notice) await deps.auth.sessions.save({ ...session, notice: undefined });
    return session.notice;
  };
  const userPath = (login: string) => `/admin/users/${encodeURIComponent(login)}`;

  router.get('/complete', async (ctx) => {
    const tx = await loadTransaction(ctx, deps.signin.transactions, { id: String(ctx.query.tx ?? '') });
    if (tx.origin.protocol !== 'admin') throw new BadRequestError('bad_request', 'This sign-in does not belong to the admin pages.');
    const t = ctx.state.t;
    const refuse = async (message: string) => {
      ctx.status = 403;
      await ctx.render('pages/error', { title: t('admin.refused.title'), message, returnUrl: undefined });
      ctx.status = 403;
    };
    if (tx.state === 'failed') return refuse(tx.failure?.message ?? t(tx.failure?.messageKey ?? 'signin.error.title'));
    if (tx.state !== 'issue') return ctx.redirect(`/signin/t/${tx.id}`);
    const user = await deps.signin.directory.getUser(tx.subject!.id!);
    const fields = { transactionId: tx.id, uniqueId: tx.subject!.login, rp: 'admin', clientIp: tx.clientIp, authMode: 'admin', actor: tx.subject!.login };
    if (!user || user.disabled || !isAdmin(user, actions.adminGroup) || !tx.amr.includes('mfa')) {
      actions.audit.record({ ...fields, event: 'admin.signin', result: 'failure', reason: !tx.amr.includes('mfa') ? 'no_mfa' : 'not_admin' });
      return refuse(t('admin.refused.notAdmin', { login: tx.subject!.login }));
    }
    const sso = await completeSignin(deps.signin, tx);
    await deps.signin.transactions.save(tx);
    ctx.cookies.set(SSO_COOKIE, sso.id, cookieOptions(deps.secure));
    await deps.auth.sessions.destroy(readIdCookie(ctx, ADMIN_COOKIE));
    const session = await deps.auth.sessions.create({ userId: user.id, login: user.login });
    ctx.cookies.set(ADMIN_COOKIE, session.id, cookie);
    actions.audit.record({ ...fields, event: 'admin.signin', result: 'success' });
    ctx.redirect(safeNext(tx.origin.handle));
  });

  router.get('/', async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    const [day, week] = await Promise.all([actions.reports.get('day'), actions.reports.get('week')]);
    await renderDashboard(ctx, visited.session, { day, week, lockoutMode: actions.lockout.settings.mode, notice: await takeNotice(visited.session) });
  });

  router.get('/users', async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    const query = typeof ctx.query.q === 'string' ? ctx.query.q.slice(0, 256) : '';
    await renderUsers(ctx, visited.session, query, query ? await findUsers(actions, query) : undefined);
  });

  router.get('/users/:login', async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    const detail = await userDetail(actions, ctx.params.login!);
    await renderUser(ctx, visited.session, detail, await takeNotice(visited.session));
  });

  router.post('/users/:login/reset-mfa', forms, async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    await resetUserMfa(actions, visited.call, ctx.params.login!);
    await done(ctx, visited.session, 'admin.notice.mfaReset', userPath(ctx.params.login!));
  });

  router.post('/users/:login/unlock', forms, async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    await unlockUser(actions, visited.call, ctx.params.login!);
    await done(ctx, visited.session, 'admin.notice.unlocked', userPath(ctx.params.login!));
  });

  router.post('/users/:login/unblock', forms, async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    await unblockUser(actions, visited.call, ctx.params.login!);
    await done(ctx, visited.session, 'admin.notice.unblocked', userPath(ctx.params.login!));
  });

  router.post('/users/:login/devices/:device/remove', forms, async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    await removeUserDevice(actions, visited.call, ctx.params.login!, ctx.params.device!);
    await done(ctx, visited.session, 'admin.notice.deviceRemoved', userPath(ctx.params.login!));
  });

  router.get('/audit', async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    const text = (name: string) => (typeof ctx.query[name] === 'string' ? (ctx.query[name] as string).trim().slice(0, 128) : '');
    const filter = { user: text('user'), event: text('event'), result: text('result') };
    const result = ['success', 'failure', 'pending', 'info'].includes(filter.result) ? (filter.result as 'success') : undefined;
    const events = await recentEvents(actions, { limit: 200, ...(filter.user ? { user: filter.user } : {}), ...(filter.event ? { event: filter.event } : {}), ...(result ? { result } : {}) });
    await renderAudit(ctx, visited.session, filter, events, actions.recent?.capacity ?? 0);
  });

  router.get('/whatif', async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    await renderWhatIf(ctx, visited.session, actions, {});
  });

  router.post('/whatif', forms, async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    const form = (name: string) => formField(ctx, name, 256).trim();
    const question = whatIfQuestion(form);
    const explanation = typeof question === 'string' ? undefined : await explainWhatIf(actions, visited.call, question);
    await renderWhatIf(ctx, visited.session, actions, { form: { user: form('user'), rp: form('rp'), ip: form('ip') }, ...(typeof question === 'string' ? { error: question } : { explanation }) });
  });

  router.get('/relying-parties', async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    await renderRelyingParties(ctx, visited.session, await relyingParties(actions));
  });

  router.post('/signout', forms, async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    // Signing out ends the browser's SSO session too, or /admin would sign straight back in.
    await deps.auth.sessions.destroy(visited.session.id);
    await deps.signin.sso.destroy(readIdCookie(ctx, SSO_COOKIE));
    ctx.cookies.set(ADMIN_COOKIE, null, cookie);
    ctx.cookies.set(SSO_COOKIE, null, cookieOptions(deps.secure));
    actions.audit.record({ event: 'admin.signout', result: 'success', uniqueId: visited.session.login, actor: visited.session.login, authMode: 'admin', rp: 'admin', clientIp: visited.call.clientIp });
    await ctx.render('admin/signed-out', { title: ctx.state.t('admin.signedOut.title') });
  });

  return router;
}

/** Only admin page paths (with a plain query) are places to come back to after a sign-in. */
export function safeNext(target: string): string {
  const [path = '', query = ''] = target.split(/\?(.*)/s, 2);
  if (!/^\/admin(\/[A-Za-z0-9_%.@-]+)*\/?$/.test(path) || path.startsWith('/admin/api') || path === '/admin/complete') return '/admin';
  return query && query.length < 512 && /^[A-Za-z0-9_%.@=&+-]*$/.test(query) ? `${path}?${query}` : path;
}
