import Router from '@koa/router';
import type { Context } from 'koa';
import { BadRequestError } from '../errors/gatehouse-error.js';
import { explainWhatIf, findUsers, recentEvents, relyingParties, removeUserDevice, resetUserMfa, unblockUser, unlockUser, userDetail, type AdminCall, type AdminDeps } from './admin-actions.js';
import { requireApiAdmin, type AdminAuthDeps } from './admin-auth.js';
import { REPORT_PERIODS, type ReportPeriod } from './admin-reports.js';

export interface AdminApiDeps {
  actions: AdminDeps;
  auth: AdminAuthDeps;
  clientIp: (ctx: Context) => string;
}

const RESULTS = ['success', 'failure', 'pending', 'info'] as const;

/**
 * /admin/api: JSON, never open (a Bearer token from `gatehouse admin token create`, or an admin's session cookie
 * with X-CSRF-Token on mutations). Every action is audited with the admin's identity. Routes: docs/operations-admin.md.
 */
export function adminApiRouter(deps: AdminApiDeps): Router {
  const router = new Router({ prefix: '/admin/api' });
  const { actions } = deps;
  const call = (ctx: Context): AdminCall => ({ admin: ctx.state.admin!, clientIp: deps.clientIp(ctx) });

  router.use(requireApiAdmin(deps.auth));
  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });

  router.get('/me', (ctx) => {
    const { kind, actor } = ctx.state.admin!;
    ctx.body = { kind, actor };
  });

  router.get('/users', async (ctx) => {
    ctx.body = { users: await findUsers(actions, required(ctx, 'q')) };
  });

  router.get('/users/:login', async (ctx) => {
    ctx.body = await userDetail(actions, ctx.params.login!);
  });

  router.post('/users/:login/reset-mfa', async (ctx) => {
    ctx.body = await resetUserMfa(actions, call(ctx), ctx.params.login!);
  });

  router.post('/users/:login/unlock', async (ctx) => {
    ctx.body = await unlockUser(actions, call(ctx), ctx.params.login!);
  });

  router.post('/users/:login/unblock', async (ctx) => {
    ctx.body = await unblockUser(actions, call(ctx), ctx.params.login!);
  });

  router.delete('/users/:login/devices/:device', async (ctx) => {
    await removeUserDevice(actions, call(ctx), ctx.params.login!, ctx.params.device!);
    ctx.body = { removed: ctx.params.device };
  });

  router.get('/policy/whatif', async (ctx) => {
    ctx.body = await explainWhatIf(actions, call(ctx), {
      login: required(ctx, 'user'),
      rpId: required(ctx, 'rp'),
      ip: required(ctx, 'ip'),
      device: choice(ctx, 'device', ['known', 'unknown'] as const, 'unknown'),
      method: choice(ctx, 'method', ['password', 'passwordless'] as const, 'password'),
      client: choice(ctx, 'client', ['browser', 'other'] as const, 'browser'),
      requested: nullIfNone(choice(ctx, 'requested', ['none', 'pwd', 'mfa', 'phr'] as const, 'none')),
    });
  });

  router.get('/audit', async (ctx) => {
    const limit = Number(optional(ctx, 'limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new BadRequestError('bad_request', '"limit" must be a whole number from 1 to 1000');
    const result = optional(ctx, 'result');
    if (result !== undefined && !(RESULTS as readonly string[]).includes(result)) throw new BadRequestError('bad_request', `"result" must be one of ${RESULTS.join(', ')}`);
    const user = optional(ctx, 'user');
    const event = optional(ctx, 'event');
    ctx.body = { events: await recentEvents(actions, { limit, ...(user ? { user } : {}), ...(event ? { event } : {}), ...(result ? { result: result as (typeof RESULTS)[number] } : {}) }) };
  });

  router.get('/reports', async (ctx) => {
    const period = choice(ctx, 'period', Object.keys(REPORT_PERIODS) as ReportPeriod[], 'day');
    ctx.body = await actions.reports.get(period);
  });

  router.get('/relying-parties', async (ctx) => {
    ctx.body = { relyingParties: await relyingParties(actions) };
  });

  return router;
}

function optional(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 256) throw new BadRequestError('bad_request', `the query parameter "${name}" is repeated or too long`);
  return value;
}

function required(ctx: Context, name: string): string {
  const value = optional(ctx, name);
  if (value === undefined) throw new BadRequestError('bad_request', `the query parameter "${name}" is required`);
  return value;
}

function choice<T extends string>(ctx: Context, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(ctx, name);
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new BadRequestError('bad_request', `"${name}" must be one of ${allowed.join(', ')}`);
  return value as T;
}

function nullIfNone<T extends string>(value: T): Exclude<T, 'none'> | null {
  return value === 'none' ? null : (value as Exclude<T, 'none'>);
}
