import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Audit, RecentEvents } from '../audit/index.js';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import type { SmartLockout } from '../lockout/index.js';
import type { MfaRegistry } from '../mfa/mfa-registry.js';
import type { PolicyEngine } from '../policy/index.js';
import type { SigninDeps, SigninHistoryEntry } from '../signin/deps.js';
import type { Store } from '../store/types.js';
import type { AdminDeps } from './admin-actions.js';
import { adminApiRouter } from './admin-api.js';
import type { AdminAuthDeps } from './admin-auth.js';
import { AdminReports } from './admin-reports.js';
import { adminRouter } from './admin-router.js';
import { AdminSessions } from './admin-sessions.js';
import { ApiTokens } from './api-tokens.js';
import { storeDevicePorts } from './device-ports.js';
import type { AdminDevices, FraudBlocks } from './types.js';

/** The admin API and pages, from config `admin` and `audit` and the parts the composition root built. */
export function createAdmin(deps: {
  config: Config;
  store: Store;
  clock: Clock;
  audit: Audit;
  signin: SigninDeps;
  mfa: MfaRegistry;
  lockout: SmartLockout;
  history: { list(userId: string): Promise<SigninHistoryEntry[]> };
  policies: { current(): PolicyEngine };
  recent: RecentEvents | undefined;
  clientIp: (ctx: Context) => string;
  /** Mobile-app devices and fraud blocks; default: src/devices' records in the Store. */
  devices?: AdminDevices;
  fraud?: FraudBlocks;
}): { api: Router; pages: Router } {
  const { config, store, clock, signin } = deps;
  const ports = storeDevicePorts(store);
  const files = config.audit.sinks.flatMap((sink) => (sink === 'stdout' ? [] : [sink.file]));
  const actions: AdminDeps = {
    directory: signin.directory,
    mfa: deps.mfa,
    lockout: deps.lockout,
    devices: deps.devices ?? ports.devices,
    fraud: deps.fraud ?? ports.fraud,
    history: deps.history,
    familiarIps: (userId) => signin.devices?.familiarIps(userId) ?? Promise.resolve([]),
    policies: deps.policies,
    relyingParties: config.relyingParties,
    recent: deps.recent,
    reports: new AdminReports(files, deps.recent, clock),
    audit: deps.audit,
    clock,
    adminGroup: config.admin.group,
  };
  const auth: AdminAuthDeps = {
    tokens: new ApiTokens(store, clock),
    sessions: new AdminSessions(store, clock, config.admin.sessionLifetime),
    directory: signin.directory,
    adminGroup: config.admin.group,
  };
  return {
    api: adminApiRouter({ actions, auth, clientIp: deps.clientIp }),
    pages: adminRouter({ actions, auth, signin, secure: config.issuer.startsWith('https:'), clientIp: deps.clientIp }),
  };
}
