import type { AuditEvent } from './types.js';

export type SigninResult = 'success' | 'failure' | 'incomplete';

/**
 * Events that are not a step's own denial: lockout says why a later step is refused; push outcomes are counted
 * apart; protocol and device events repeat or follow a step's answer. Their failures are not counted as denials.
 */
export const NOT_DENIALS: ReadonlySet<string> = new Set(['lockout', 'push', 'saml', 'wsfed', 'device', 'user']);

/** The push outcomes an MFA server reports (events push.approved, push.denied, push.unanswered, push.fraud). */
export const PUSH_OUTCOMES = ['approved', 'denied', 'unanswered', 'fraud'] as const;

/**
 * A usage report over a period (`gatehouse report`, the admin pages). A sign-in is one transaction: `success` when
 * it was issued, `failure` when a step refused it and it was never issued, `incomplete` when it was left half-way.
 * Denials count every refused step (each wrong password, each wrong code, each block), as an MFA server counts
 * denied authentications.
 */
export interface UsageReport {
  since: string;
  until: string;
  events: number;
  signins: {
    total: number;
    byResult: Record<SigninResult, number>;
    /** `password`, `password+totp`, `sso`, `passwordless`, …: the primary method and the MFA methods that ran. */
    byMethod: Record<string, number>;
    byRp: Record<string, Record<SigninResult, number>>;
  };
  denials: { total: number; byReason: Record<string, number> };
  push: Record<(typeof PUSH_OUTCOMES)[number], number>;
  /** Smart lockout: users whose password step was locked (or, in log-only mode, would have been). */
  lockouts: { triggered: number; logOnly: number; users: LockedOutUser[] };
  policy: { allow: number; require: number; block: number };
  admin: { actions: Record<string, number> };
}

export interface LockedOutUser {
  user: string;
  count: number;
  scopes: string[];
  logOnly: boolean;
  last: string;
}

interface Transaction {
  rp: string;
  sso: boolean;
  primary?: string;
  mfa: string[];
  completed: boolean;
  failed: boolean;
}

/** Builds the report from events in any order of files; events outside [since, until) should be left out by the reader. */
export async function buildReport(events: AsyncIterable<AuditEvent> | Iterable<AuditEvent>, period: { since: number; until: number }): Promise<UsageReport> {
  const report = emptyReport(period);
  const transactions = new Map<string, Transaction>();
  const lockedOut = new Map<string, LockedOutUser>();
  for await (const event of events) {
    report.events++;
    const [noun] = event.event.split('.');
    if (event.transactionId && noun !== 'lockout') track(transactions, event);
    if (event.transactionId && event.result === 'failure' && !NOT_DENIALS.has(noun!)) {
      report.denials.total++;
      increment(report.denials.byReason, `${noun}:${event.reason ?? 'unknown'}`);
    }
    if (noun === 'push') {
      const outcome = event.event.slice('push.'.length) as keyof UsageReport['push'];
      if (outcome in report.push) report.push[outcome]++;
    }
    if (event.event === 'lockout.triggered') countLockout(report, lockedOut, event);
    if (event.event === 'access.decided') countDecision(report, event);
    if (noun === 'admin') increment(report.admin.actions, event.event);
  }
  for (const tx of transactions.values()) {
    const result: SigninResult = tx.completed ? 'success' : tx.failed ? 'failure' : 'incomplete';
    report.signins.total++;
    report.signins.byResult[result]++;
    const byRp = (report.signins.byRp[tx.rp] ??= { success: 0, failure: 0, incomplete: 0 });
    byRp[result]++;
    if (tx.completed) increment(report.signins.byMethod, methodOf(tx));
  }
  report.lockouts.users = [...lockedOut.values()].sort((a, b) => b.count - a.count || a.user.localeCompare(b.user));
  return report;
}

/** `password`, `password+totp`, `sso`, `sso+totp`: how a completed sign-in authenticated. */
export function methodOf(tx: { sso: boolean; primary?: string; mfa: string[] }): string {
  return [tx.sso ? 'sso' : (tx.primary ?? 'password'), ...new Set(tx.mfa)].join('+');
}

function track(transactions: Map<string, Transaction>, event: AuditEvent): void {
  let tx = transactions.get(event.transactionId!);
  if (!tx) transactions.set(event.transactionId!, (tx = { rp: event.rp ?? 'unknown', sso: false, mfa: [], completed: false, failed: false }));
  if (event.event === 'signin.started' && event.authMode === 'sso') tx.sso = true;
  if (event.event === 'mfa.completed' && event.authMode) tx.mfa.push(event.authMode);
  if (event.event === 'signin.completed') {
    tx.completed = true;
    tx.primary = event.authMode;
  }
  if (event.result === 'failure') tx.failed = true;
}

function countLockout(report: UsageReport, users: Map<string, LockedOutUser>, event: AuditEvent): void {
  const logOnly = event.result !== 'failure';
  if (logOnly) report.lockouts.logOnly++;
  else report.lockouts.triggered++;
  const login = event.uniqueId ?? 'unknown';
  const entry = users.get(login) ?? { user: login, count: 0, scopes: [], logOnly: true, last: event.time };
  entry.count++;
  entry.logOnly &&= logOnly;
  const scope = (event.reason ?? 'unknown').replace(/_log_only$/, '');
  if (!entry.scopes.includes(scope)) entry.scopes.push(scope);
  if (event.time > entry.last) entry.last = event.time;
  users.set(login, entry);
}

function countDecision(report: UsageReport, event: AuditEvent): void {
  if (event.result === 'failure') {
    if (event.reason === 'policy_block') report.policy.block++;
  } else if (event.reason?.startsWith('requires')) report.policy.require++;
  else report.policy.allow++;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function emptyReport(period: { since: number; until: number }): UsageReport {
  return {
    since: new Date(period.since).toISOString(),
    until: new Date(period.until).toISOString(),
    events: 0,
    signins: { total: 0, byResult: { success: 0, failure: 0, incomplete: 0 }, byMethod: {}, byRp: {} },
    denials: { total: 0, byReason: {} },
    push: { approved: 0, denied: 0, unanswered: 0, fraud: 0 },
    lockouts: { triggered: 0, logOnly: 0, users: [] },
    policy: { allow: 0, require: 0, block: 0 },
    admin: { actions: {} },
  };
}
