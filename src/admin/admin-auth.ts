import { timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { readIdCookie } from '../http/cookies.js';
import type { Directory } from '../directory/types.js';
import { BadRequestError, GatehouseError } from '../errors/gatehouse-error.js';
import type { AdminSession, AdminSessions } from './admin-sessions.js';
import type { ApiTokens } from './api-tokens.js';
import { isAdmin } from './is-admin.js';
import type { AdminIdentity } from './types.js';

export const ADMIN_COOKIE = 'gh_admin';

/** What admin authentication needs: tokens, sessions, and the directory to re-check the group on every request. */
export interface AdminAuthDeps {
  tokens: ApiTokens;
  sessions: AdminSessions;
  directory: Directory;
  adminGroup: string;
}

declare module 'koa' {
  interface DefaultState {
    admin?: AdminIdentity;
    adminSession?: AdminSession;
  }
}

/**
 * The admin session of this request, when its user still exists, is enabled and is still in the admin group
 * (checked on every request, so removing someone from the group takes effect at once).
 */
export async function adminSessionOf(ctx: Context, deps: AdminAuthDeps): Promise<AdminSession | undefined> {
  const session = await deps.sessions.find(readIdCookie(ctx, ADMIN_COOKIE));
  if (!session) return undefined;
  const user = await deps.directory.getUser(session.userId);
  return user && !user.disabled && isAdmin(user, deps.adminGroup) ? session : undefined;
}

/**
 * /admin/api is never open: `Authorization: Bearer <token>` from `gatehouse admin token create`, or an admin's
 * session cookie, which for anything but GET must come with the session's CSRF token in `X-CSRF-Token`.
 */
export function requireApiAdmin(deps: AdminAuthDeps) {
  return async function authenticateAdmin(ctx: Context, next: Next): Promise<void> {
    const header = ctx.get('Authorization');
    if (header) {
      const token = /^Bearer (\S+)$/.exec(header)?.[1];
      const record = token ? await deps.tokens.verify(token) : undefined;
      if (!record) throw unauthorized(ctx);
      ctx.state.admin = { kind: 'token', actor: `token:${record.name}` };
      return next();
    }
    const session = await adminSessionOf(ctx, deps);
    if (!session) throw unauthorized(ctx);
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && !sameSecret(ctx.get('X-CSRF-Token'), session.csrf)) {
      throw new BadRequestError('csrf', 'a call made with the admin session cookie needs the X-CSRF-Token header');
    }
    ctx.state.admin = { kind: 'session', actor: session.login, csrf: session.csrf };
    ctx.state.adminSession = session;
    await next();
  };
}

function unauthorized(ctx: Context): GatehouseError {
  ctx.set('WWW-Authenticate', 'Bearer realm="gatehouse-admin"');
  return new GatehouseError(401, 'unauthorized', 'An admin API token (gatehouse admin token create) or an admin session is required.');
}

/** Compares a secret in constant time; false for anything but a non-empty string of the same length. */
export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
