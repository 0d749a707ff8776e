import Router from '@koa/router';
import type { Context, Next } from 'koa';
import type { Audit } from '../audit/types.js';
import type { Directory } from '../directory/types.js';
import { BadRequestError, NotFoundError, GatehouseError } from '../errors/gatehouse-error.js';
import { toExplanation, whatIf, type PolicyEngine } from '../policy/index.js';
import type { ApiTokens, StoredApiToken } from './api-tokens.js';

export interface AdminApiDeps {
  tokens: ApiTokens;
  directory: Directory;
  policies: { current(): PolicyEngine };
  relyingParties: string[];
  audit: Audit;
  clientIp: (ctx: Context) => string;
}

/**
 * /admin/api: JSON, never open. Every call needs `Authorization: Bearer <token>` from `gatehouse admin token create`
 * (admin sign-in through the pipeline comes with the admin pages).
 */
export function adminApiRouter(deps: AdminApiDeps): Router {
  const router = new Router({ prefix: '/admin/api' });

  router.use(async (ctx: Context, next: Next) => {
    const header = ctx.get('Authorization');
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    const record = token ? await deps.tokens.verify(token) : undefined;
    if (!record) {
      ctx.set('WWW-Authenticate', 'Bearer realm="gatehouse-admin"');
      throw new GatehouseError(401, 'unauthorized', 'An admin API token is required (gatehouse admin token create).');
    }
    ctx.state.admin = record;
    await next();
  });

  router.get('/policy/whatif', async (ctx) => {
    const query = (name: string) => {
      const value = ctx.query[name];
      if (typeof value !== 'string' || !value || value.length > 256) throw new BadRequestError('bad_request', `the query parameter "${name}" is required`);
      return value;
    };
    const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
      const value = ctx.query[name];
      if (value === undefined) return fallback;
      if (typeof value !== 'string' || !allowed.includes(value as T)) throw new BadRequestError('bad_request', `"${name}" must be one of ${allowed.join(', ')}`);
      return value as T;
    };
    const login = query('user');
    const rpId = query('rp');
    const ip = query('ip');
    if (!deps.relyingParties.includes(rpId)) throw new NotFoundError('not_found', `no relying party "${rpId}"`);
    const user = await deps.directory.findUser(login);
    if (!user) throw new NotFoundError('not_found', `no user "${login}"`);
    const requested = choice('requested', ['none', 'pwd', 'mfa', 'phr'] as const, 'none');
    const decision = whatIf(deps.policies.current(), {
      user: { id: user.id, login: user.login, groups: user.groups },
      rpId,
      clientIp: ip,
      deviceKnown: choice('device', ['known', 'unknown'] as const, 'unknown') === 'known',
      method: choice('method', ['password', 'passwordless'] as const, 'password'),
      client: choice('client', ['browser', 'other'] as const, 'browser'),
      requestedContext: requested === 'none' ? null : requested,
      now: new Date(),
    });
    const admin = ctx.state.admin as StoredApiToken;
    deps.audit.record({ event: 'admin.whatif', result: 'info', uniqueId: `token:${admin.name}`, clientIp: deps.clientIp(ctx), reason: `user=${login} rp=${rpId} ip=${ip}` });
    ctx.body = toExplanation(decision);
  });

  return router;
}
