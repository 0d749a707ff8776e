import { timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import { BadRequestError, ForbiddenError, NotFoundError } from '../errors/gatehouse-error.js';
import { ensureBrowserId } from '../http/browser-id.js';
import { cookieOptions, readIdCookie, SSO_COOKIE } from '../http/cookies.js';
import type { DirectoryUser } from '../directory/types.js';
import type { MfaContext } from '../mfa/types.js';
import type { SigninDeps } from '../signin/deps.js';
import { csrfField, formField } from '../signin/routes/form-field.js';
import { loadTransaction } from '../signin/routes/load-transaction.js';
import { mfaForm } from '../signin/routes/mfa-routes.js';
import { completeSignin } from '../signin/steps/complete-signin.js';
import { startSignin } from '../signin/steps/start-signin.js';
import { chooseDefault, enrollableFor, enrollMethod, mayChangeMethods, overview, portalUser, removeDevice, removeMethod, type PortalDeps } from './portal-actions.js';
import type { PortalSession, PortalSessions } from './portal-sessions.js';
import { renderEnrollPage, renderHome, renderShownOnce } from './portal-pages.js';

export const PORTAL_COOKIE = 'gh_portal';

export interface PortalRouterDeps extends PortalDeps {
  signin: SigninDeps;
  sessions: PortalSessions;
  /** Cookies are Secure when the issuer is https. */
  secure: boolean;
  clientIp: (ctx: Context) => string;
}

/** Where the sign-in pipeline hands a finished portal sign-in back (the signin router's `completions.portal`). */
export const portalCompletion = (tx: { id: string }) => `/portal/complete?tx=${tx.id}`;

/**
 * The user portal: people sign in through the same pipeline as any relying party (origin `portal`), then see
 * and manage their methods and recent sign-ins. Handlers load the session, check it, call an action, respond.
 */
export function portalRouter(deps: PortalRouterDeps): Router {
  const router = new Router({ prefix: '/portal' });
  const forms = bodyParser({ enableTypes: ['form'], formLimit: '16kb', encoding: 'utf-8' });
  const cookie = { ...cookieOptions(deps.secure), path: '/portal' };

  /** Starts a portal sign-in (a step-up one asks for MFA) and sends the browser to its first page. */
  async function signIn(ctx: Context, options: { mfa: boolean; next: string }): Promise<void> {
    const sso = await deps.signin.sso.find(readIdCookie(ctx, SSO_COOKIE));
    const tx = await startSignin(deps.signin, {
      origin: { protocol: 'portal', rpId: 'portal', rpName: ctx.state.t('portal.name'), handle: options.next },
      request: { forceAuthn: false, requestedContext: options.mfa ? 'mfa' : null },
      clientIp: deps.clientIp(ctx),
      browserId: ensureBrowserId(ctx, deps.secure),
      ...(sso ? { sso } : {}),
    });
    await deps.signin.transactions.save(tx);
    ctx.redirect(`/signin/t/${tx.id}`);
  }

  /** The session and its user; without them a page starts a sign-in and a form goes back to /portal. */
  async function visit(ctx: Context, options: { change?: boolean } = {}): Promise<{ session: PortalSession; user: DirectoryUser } | undefined> {
    const session = await deps.sessions.find(readIdCookie(ctx, PORTAL_COOKIE));
    const user = session ? await portalUser(deps, session) : undefined;
    if (ctx.method === 'POST') {
      const csrf = csrfField(ctx);
      if (session && (typeof csrf !== 'string' || !safeEqual(csrf, session.csrf))) throw new BadRequestError('csrf', ctx.state.t('signin.error.csrf'));
    }
    if (!session || !user) {
      if (ctx.method === 'GET') await signIn(ctx, { mfa: false, next: safeNext(ctx.path) });
      else (ctx.status = 303), ctx.redirect('/portal');
      return undefined;
    }
    if (options.change && !(await mayChangeMethods(deps, session, user))) {
      // Step-up: the user has a method, and this portal sign-in did not use one.
      if (ctx.method === 'POST') ctx.status = 303;
      ctx.redirect(`/portal/verify?next=${encodeURIComponent(ctx.method === 'GET' ? ctx.path : '/portal')}`);
      return undefined;
    }
    return { session, user };
  }

  const mfaContext = (ctx: Context, session: PortalSession): MfaContext => ({ purpose: 'enrollment', transactionId: session.ref, clientIp: deps.clientIp(ctx), rpId: 'portal', locale: 'en' });
  const done = async (ctx: Context, session: PortalSession, notice: string) => {
    await deps.sessions.save({ ...session, notice });
    ctx.status = 303;
    ctx.redirect('/portal');
  };

  router.get('/', async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    const { session, user } = visited;
    const data = await overview(deps, session, user, mfaContext(ctx, session));
    if (session.notice) await deps.sessions.save({ ...session, notice: undefined });
    await renderHome(ctx, deps, session, user, data);
  });

  router.get('/verify', (ctx) => signIn(ctx, { mfa: true, next: safeNext(String(ctx.query.next ?? '/portal')) }));

  router.get('/complete', async (ctx) => {
    const tx = await loadTransaction(ctx, deps.signin.transactions, { id: String(ctx.query.tx ?? '') });
    if (tx.origin.protocol !== 'portal') throw new BadRequestError('bad_request', 'This sign-in does not belong to the portal.');
    if (tx.state === 'failed') {
      ctx.status = 403;
      await ctx.render('pages/error', { title: ctx.state.t('signin.error.title'), message: tx.failure?.message ?? ctx.state.t(tx.failure?.messageKey ?? 'signin.error.title'), returnUrl: '/portal', rpName: tx.origin.rpName });
      ctx.status = 403;
      return;
    }
    if (tx.state !== 'issue') return ctx.redirect(`/signin/t/${tx.id}`);
    const sso = await completeSignin(deps.signin, tx);
    await deps.signin.transactions.save(tx);
    ctx.cookies.set(SSO_COOKIE, sso.id, cookieOptions(deps.secure));
    await deps.sessions.destroy(readIdCookie(ctx, PORTAL_COOKIE));
    const session = await deps.sessions.create({ userId: tx.subject!.id!, login: tx.subject!.login, amr: tx.amr, mfa: tx.amr.includes('mfa') });
    ctx.cookies.set(PORTAL_COOKIE, session.id, cookie);
    ctx.redirect(safeNext(tx.origin.handle));
  });

  router.get('/methods/:id/enroll', async (ctx) => {
    const visited = await visit(ctx, { change: true });
    if (!visited) return;
    const adapter = await enrollableFor(deps, visited.user, ctx.params.id!);
    if (!adapter) throw new NotFoundError('not_found', ctx.state.t('portal.error.notAllowed'));
    const view = await adapter.beginEnrollment(visited.user, mfaContext(ctx, visited.session));
    await renderEnrollPage(ctx, deps, visited.session, adapter, view);
  });

  router.post('/methods/:id/enroll', forms, async (ctx) => {
    // A phone is activated by the app, out of band, with a code only a page allowed to change methods showed; the
    // "Done" that follows must not ask for MFA because the user now has that phone.
    const mobileApp = deps.registry.get(ctx.params.id!)?.metadata.mobileApp === true;
    const visited = await visit(ctx, { change: !mobileApp });
    if (!visited) return;
    const { session, user } = visited;
    const adapter = await enrollableFor(deps, user, ctx.params.id!);
    if (!adapter) throw new ForbiddenError('not_allowed', ctx.state.t('portal.error.notAllowed'));
    const result = await enrollMethod(deps, user, adapter, mfaContext(ctx, session), mfaForm(ctx));
    if (result.kind === 'retry') {
      const view = await adapter.beginEnrollment(user, mfaContext(ctx, session));
      return renderEnrollPage(ctx, deps, session, adapter, view, result.message);
    }
    if (result.views.length === 0) return done(ctx, session, 'portal.notice.enrolled');
    await renderShownOnce(ctx, deps, session, adapter, result.views);
  });

  router.post('/methods/:id/remove', forms, async (ctx) => {
    const visited = await visit(ctx, { change: true });
    if (!visited) return;
    const removed = await removeMethod(deps, visited.user, ctx.params.id!, deps.clientIp(ctx));
    if (!removed) throw new ForbiddenError('not_allowed', ctx.state.t('portal.error.notAllowed'));
    await done(ctx, visited.session, 'portal.notice.removed');
  });

  router.post('/devices/:id/remove', forms, async (ctx) => {
    const visited = await visit(ctx, { change: true });
    if (!visited) return;
    const removed = await removeDevice(deps, visited.user, ctx.params.id!, deps.clientIp(ctx));
    if (!removed) throw new ForbiddenError('not_allowed', ctx.state.t('portal.error.notAllowed'));
    await done(ctx, visited.session, 'portal.notice.deviceRemoved');
  });

  router.post('/default', forms, async (ctx) => {
    const visited = await visit(ctx, { change: true });
    if (!visited) return;
    const chosen = await chooseDefault(deps, visited.user, formField(ctx, 'method', 64), mfaContext(ctx, visited.session));
    if (!chosen) throw new ForbiddenError('not_allowed', ctx.state.t('portal.error.notAllowed'));
    await done(ctx, visited.session, 'portal.notice.defaultChanged');
  });

  router.post('/signout', forms, async (ctx) => {
    const visited = await visit(ctx);
    if (!visited) return;
    // Signing out of the portal ends the browser's SSO session too, or /portal would sign straight back in.
    await deps.sessions.destroy(visited.session.id);
    await deps.signin.sso.destroy(readIdCookie(ctx, SSO_COOKIE));
    ctx.cookies.set(PORTAL_COOKIE, null, cookie);
    ctx.cookies.set(SSO_COOKIE, null, cookieOptions(deps.secure));
    await ctx.render('portal/signed-out', { title: ctx.state.t('portal.signedOut.title') });
  });

  return router;
}

/** Only portal paths are places to come back to after a sign-in. */
export function safeNext(path: string): string {
  return /^\/portal(\/[A-Za-z0-9_-]+)*\/?$/.test(path) ? path : '/portal';
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
