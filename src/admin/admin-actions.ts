import type { Audit, AuditInput, RecentEvents, RecentFilter } from '../audit/index.js';
import type { Clock } from '../clock/clock.js';
import type { RelyingPartyConfig } from '../config/index.js';
import type { Directory, DirectoryUser } from '../directory/types.js';
import { NotFoundError } from '../errors/gatehouse-error.js';
import type { SmartLockout, LockoutStatus } from '../lockout/index.js';
import type { MfaRegistry } from '../mfa/mfa-registry.js';
import { toExplanation, whatIf, type PolicyEngine, type PolicyExplanation } from '../policy/index.js';
import type { SigninHistoryEntry } from '../signin/deps.js';
import type { AdminReports } from './admin-reports.js';
import { isAdmin } from './is-admin.js';
import { relyingPartyStatus, type RelyingPartyStatus } from './relying-party-status.js';
import { searchUsers } from './search-users.js';
import type { AdminDevice, AdminDevices, AdminIdentity, FraudBlocks } from './types.js';

/** What the admin API and pages need, and nothing more. */
export interface AdminDeps {
  directory: Directory;
  mfa: MfaRegistry;
  lockout: SmartLockout;
  devices: AdminDevices;
  fraud: FraudBlocks;
  history: { list(userId: string): Promise<SigninHistoryEntry[]> };
  familiarIps: (userId: string) => Promise<string[]>;
  policies: { current(): PolicyEngine };
  relyingParties: readonly RelyingPartyConfig[];
  recent: RecentEvents | undefined;
  reports: AdminReports;
  audit: Audit;
  clock: Clock;
  adminGroup: string;
}

/** Where an admin action comes from: who and from which address. */
export interface AdminCall {
  admin: AdminIdentity;
  clientIp: string;
}

/** A user as the admin sees them: directory facts, methods, devices, blocks, lockout, recent sign-ins. */
export interface UserDetail {
  id: string;
  login: string;
  name?: string;
  email?: string;
  groups: string[];
  disabled: boolean;
  admin: boolean;
  methods: Array<{ id: string; name: string; createdAt: string; detail?: string }>;
  devices: AdminDevice[];
  fraudBlockedSince: string | null;
  lockout: LockoutStatus;
  familiarIps: string[];
  recentSignins: SigninHistoryEntry[];
}

export interface UserSummary {
  login: string;
  name?: string;
  email?: string;
  disabled: boolean;
}

export async function findUsers(deps: AdminDeps, query: string): Promise<UserSummary[]> {
  return (await searchUsers(deps.directory, query)).map(({ login, name, email, disabled }) => ({ login, ...(name ? { name } : {}), ...(email ? { email } : {}), disabled: disabled === true }));
}

export async function userDetail(deps: AdminDeps, login: string): Promise<UserDetail> {
  const user = await requireUser(deps, login);
  const [enrolled, devices, fraudBlockedSince, lockout, familiarIps, recentSignins] = await Promise.all([
    deps.mfa.enrolledMethods(user),
    deps.devices.list(user),
    deps.fraud.blockedSince(user),
    deps.lockout.status(user),
    deps.familiarIps(user.id),
    deps.history.list(user.id),
  ]);
  return {
    id: user.id,
    login: user.login,
    ...(user.name ? { name: user.name } : {}),
    ...(user.email ? { email: user.email } : {}),
    groups: user.groups,
    disabled: user.disabled === true,
    admin: isAdmin(user, deps.adminGroup),
    methods: enrolled.map(({ adapter, enrollment }) => ({ id: adapter.id, name: deps.mfa.displayName(adapter), createdAt: enrollment.createdAt, ...(enrollment.detail ? { detail: enrollment.detail } : {}) })),
    devices,
    fraudBlockedSince,
    lockout,
    familiarIps,
    recentSignins,
  };
}

/** Removes every MFA method of the user (as `gatehouse users reset-mfa`). */
export async function resetUserMfa(deps: AdminDeps, call: AdminCall, login: string): Promise<{ removed: string[] }> {
  const user = await requireUser(deps, login);
  const removed = await deps.mfa.resetUser(user);
  record(deps, call, user, 'admin.user.reset_mfa', removed.join(',') || 'none');
  return { removed };
}

/** Removes one of the user's mobile-app devices. */
export async function removeUserDevice(deps: AdminDeps, call: AdminCall, login: string, deviceId: string): Promise<void> {
  const user = await requireUser(deps, login);
  if (!(await deps.devices.remove(user, deviceId))) throw new NotFoundError('not_found', `user "${login}" has no device "${deviceId}"`);
  record(deps, call, user, 'admin.device.removed', undefined, { deviceId });
}

/** Lifts a fraud block (the user reported a push as fraud). */
export async function unblockUser(deps: AdminDeps, call: AdminCall, login: string): Promise<{ wasBlocked: boolean }> {
  const user = await requireUser(deps, login);
  const wasBlocked = await deps.fraud.unblock(user);
  record(deps, call, user, 'admin.user.unblocked', wasBlocked ? 'fraud_block' : 'not_blocked');
  return { wasBlocked };
}

/** Clears smart lockout (as `gatehouse users unlock`). */
export async function unlockUser(deps: AdminDeps, call: AdminCall, login: string): Promise<{ wasLocked: boolean }> {
  const user = await requireUser(deps, login);
  const before = await deps.lockout.unlock(user, call.admin.actor, { clientIp: call.clientIp, authMode: 'admin' });
  const wasLocked = before.familiar.locked || before.unfamiliar.locked;
  record(deps, call, user, 'admin.user.unlocked', wasLocked ? 'locked' : 'not_locked');
  return { wasLocked };
}

export interface WhatIfQuestion {
  login: string;
  rpId: string;
  ip: string;
  device: 'known' | 'unknown';
  method: 'password' | 'passwordless';
  client: 'browser' | 'other';
  requested: 'pwd' | 'mfa' | 'phr' | null;
}

/** Explains what policy would decide for one sign-in (the contract JSON), and audits that it was asked. */
export async function explainWhatIf(deps: AdminDeps, call: AdminCall, question: WhatIfQuestion): Promise<PolicyExplanation> {
  if (!deps.relyingParties.some((rp) => rp.id === question.rpId)) throw new NotFoundError('not_found', `no relying party "${question.rpId}"`);
  const user = await requireUser(deps, question.login);
  const decision = whatIf(deps.policies.current(), {
    user: { id: user.id, login: user.login, groups: user.groups },
    rpId: question.rpId,
    clientIp: question.ip,
    deviceKnown: question.device === 'known',
    method: question.method,
    client: question.client,
    requestedContext: question.requested,
    now: new Date(deps.clock.now()),
  });
  // uniqueId is who asked (as before the admin pages existed); the user asked about is in reason.
  deps.audit.record({ event: 'admin.whatif', result: 'info', uniqueId: call.admin.actor, actor: call.admin.actor, clientIp: call.clientIp, authMode: 'admin', reason: `user=${user.login} rp=${question.rpId} ip=${question.ip}` });
  return toExplanation(decision);
}

export async function recentEvents(deps: AdminDeps, filter: RecentFilter) {
  return deps.recent ? deps.recent.list(filter) : [];
}

export function relyingParties(deps: AdminDeps): Promise<RelyingPartyStatus[]> {
  return relyingPartyStatus(deps.relyingParties, deps.clock.now());
}

async function requireUser(deps: AdminDeps, login: string): Promise<DirectoryUser> {
  const user = await deps.directory.findUser(login);
  if (!user) throw new NotFoundError('not_found', `no user "${login}"`);
  return user;
}

function record(deps: AdminDeps, call: AdminCall, user: DirectoryUser, event: string, reason?: string, extra: Partial<AuditInput> = {}): void {
  deps.audit.record({ event, result: 'success', uniqueId: user.login, actor: call.admin.actor, authMode: 'admin', clientIp: call.clientIp, ...(reason ? { reason } : {}), ...extra });
  deps.reports.invalidate();
}
