import { ImportedUsers } from './imported-users.js';
import { duePurges, outOfScope, planUpserts, scopeKey } from './plan-changes.js';
import type { ChangeKind, ChangeMark, ImportedUser, ListedUser, ScannedUser, SyncChange, SyncDeps, SyncReport, SyncSettings, UserScope } from './types.js';

/** Emails in flight at once. */
const PARALLEL = 8;

export interface ImportOptions {
  dryRun?: boolean;
  /** Send the enrollment email to users added now (default: sync.enrollmentEmail). */
  sendEmail?: boolean;
}

export interface SyncOptions {
  dryRun?: boolean;
  /** Read every user even when an incremental run could start from the last mark. */
  full?: boolean;
}

/**
 * Brings directory users into Gatehouse's records, as an MFA server's "Import users" and "Synchronization" do.
 * - import: everyone in a scope (an OU, or a group with its nested groups) is added or updated; nobody is removed.
 * - sync: the configured scope. The first run (and --full) reads everyone; later runs read only entries changed
 *   since the last mark (uSNChanged on AD, modifyTimestamp elsewhere) plus a cheap id listing that finds who
 *   entered or left the scope. Users gone from the directory, or from the scope they were synced from, are marked
 *   removed; removedRetention later their MFA registrations are purged and the record is deleted.
 */
export class UserSync {
  readonly #users: ImportedUsers;

  constructor(
    private readonly deps: SyncDeps,
    private readonly settings: SyncSettings,
  ) {
    this.#users = new ImportedUsers(deps.store);
  }

  get scope(): UserScope {
    return this.settings.scope;
  }

  async importScope(scope: UserScope, options: ImportOptions = {}): Promise<SyncReport> {
    const started = this.deps.clock.now();
    const key = scopeKey(scope);
    const [scanned, records] = await Promise.all([this.deps.source.scan(scope, undefined, this.settings.pageSize), this.#users.all()]);
    const plan = planUpserts(scanned, records, this.#context(key));
    const report = this.#report('import', key, options.dryRun ?? false, started, plan.changes, plan.unchanged);
    if (options.dryRun) return report;
    await this.#users.putMany(plan.writes);
    await this.#welcome(plan.added, options.sendEmail ?? this.settings.enrollmentEmail, report);
    return this.#finish(report, started);
  }

  async sync(options: SyncOptions = {}): Promise<SyncReport> {
    const started = this.deps.clock.now();
    const { scope, pageSize } = this.settings;
    const key = scopeKey(scope);
    const [state, mark] = await Promise.all([this.#users.state(key), this.deps.source.changeMark()]);
    const since = options.full ? undefined : incrementalStart(state?.mark, mark);
    let scanned: ScannedUser[];
    let listed: ListedUser[];
    if (since) {
      [scanned, listed] = await Promise.all([this.deps.source.scan(scope, since, pageSize), this.deps.source.list(scope, pageSize)]);
    } else {
      scanned = await this.deps.source.scan(scope, undefined, pageSize);
      listed = scanned;
    }
    const records = await this.#users.all();
    if (since) scanned.push(...(await this.#newInScope(listed, scanned, records)));

    const now = new Date(started).toISOString();
    const plan = planUpserts(scanned, records, this.#context(key));
    const removed = (await this.#gone(records, new Set(listed.map((user) => user.id)), key)).map((record) => ({ ...record, removedAt: now, updatedAt: now }));
    const latest = new Map(records);
    for (const record of [...plan.writes, ...removed]) latest.set(record.id, record);
    const purges = duePurges(latest.values(), started, this.settings.removedRetention);
    const purging = new Set(purges.map((record) => record.id));

    const changes = [...plan.changes, ...removed.map((record) => change('remove', record)), ...purges.map((record) => change('purge', record))];
    const report = this.#report(since ? 'incremental' : 'full', key, options.dryRun ?? false, started, changes, plan.unchanged);
    if (options.dryRun) return report;

    await this.#users.putMany([...plan.writes, ...removed].filter((record) => !purging.has(record.id)));
    await this.#purge(purges, report);
    // Enabled now and never mailed: a user imported disabled gets the enrollment email once they can sign in.
    const enabled = new Set(plan.changes.filter((c) => c.kind === 'enable').map((c) => c.id));
    await this.#welcome(plan.added, this.settings.enrollmentEmail, report, plan.writes.filter((user) => enabled.has(user.id) && !user.mailedAt));
    const stamp = new Date(this.deps.clock.now()).toISOString();
    await this.#users.saveState(key, { mark: nextMark(mark, started), lastRun: stamp, lastFull: since && state ? state.lastFull : stamp });
    return this.#finish(report, started);
  }

  /** In the scope now, unknown (or marked removed) and not among the changed entries: read them in full. */
  async #newInScope(listed: ListedUser[], scanned: ScannedUser[], records: Map<string, ImportedUser>): Promise<ScannedUser[]> {
    const seen = new Set(scanned.map((user) => user.id));
    const missing = listed.filter((user) => !seen.has(user.id) && (!records.get(user.id) || records.get(user.id)!.removedAt)).map((user) => user.id);
    return missing.length > 0 ? this.deps.source.byIds(missing) : [];
  }

  /** Out of the scope now: removed when synced from this scope, or when gone from the directory altogether. */
  async #gone(records: Map<string, ImportedUser>, inScope: Set<string>, key: string): Promise<ImportedUser[]> {
    const candidates = outOfScope(records, inScope);
    const fromElsewhere = candidates.filter((record) => !record.source.split(';').some((part) => key.split(';').includes(part)));
    const stillThere = new Set(fromElsewhere.length ? (await this.deps.source.byIds(fromElsewhere.map((record) => record.id))).map((user) => user.id) : []);
    return candidates.filter((record) => !stillThere.has(record.id));
  }

  async #purge(purges: ImportedUser[], report: SyncReport): Promise<void> {
    for (const record of purges) {
      const methods = await this.deps.mfa.purge({ id: record.id, login: record.login, groups: [], attributes: {}, ...(record.email ? { email: record.email } : {}) });
      await this.#users.delete(record.id);
      const entry = report.changes.find((c) => c.kind === 'purge' && c.id === record.id);
      if (entry) entry.detail = methods;
      this.deps.audit?.record({ event: 'user.purged', result: 'success', uniqueId: record.login, authMode: 'sync', reason: methods.join(',') || 'none' });
    }
  }

  /** Default MFA method for users added now, and the enrollment email when asked (to them and to `alsoMail`). */
  async #welcome(added: ImportedUser[], sendEmail: boolean, report: SyncReport, alsoMail: ImportedUser[] = []): Promise<void> {
    const { defaults, mailer } = this.deps;
    if (defaults && this.settings.defaultMethod) {
      await defaults.setIfUnset(added.map((user) => user.id), this.settings.defaultMethod);
    }
    if (!sendEmail || !mailer) return;
    const mailed: ImportedUser[] = [];
    // A disabled account cannot sign in to the portal, so it is not asked to enroll until it is enabled.
    await inParallel([...added, ...alsoMail].filter((user) => user.email && !user.disabled), async (user) => {
      try {
        await mailer.send(user);
        mailed.push({ ...user, mailedAt: new Date(this.deps.clock.now()).toISOString() });
      } catch (error) {
        this.deps.logger?.warn({ user: user.login, err: (error as Error).message }, 'enrollment email not sent');
      }
    });
    await this.#users.putMany(mailed);
    report.counts.mailed = mailed.length;
  }

  #context(source: string) {
    return { now: new Date(this.deps.clock.now()).toISOString(), source, ...(this.settings.defaultMethod ? { method: this.settings.defaultMethod } : {}), ...(this.settings.language ? { language: this.settings.language } : {}) };
  }

  #report(mode: SyncReport['mode'], scope: string, dryRun: boolean, started: number, changes: SyncChange[], unchanged: number): SyncReport {
    const counts = { add: 0, update: 0, disable: 0, enable: 0, restore: 0, remove: 0, purge: 0, unchanged, mailed: 0 };
    for (const item of changes) counts[item.kind]++;
    return { mode, dryRun, scope, counts, changes, durationMs: this.deps.clock.now() - started };
  }

  #finish(report: SyncReport, started: number): SyncReport {
    report.durationMs = this.deps.clock.now() - started;
    for (const item of report.changes.filter((c) => c.kind === 'remove')) {
      this.deps.audit?.record({ event: 'user.removed', result: 'info', uniqueId: item.login, authMode: 'sync' });
    }
    const summary = Object.entries(report.counts).map(([kind, n]) => `${kind} ${n}`).join(', ');
    this.deps.audit?.record({ event: report.mode === 'import' ? 'directory.imported' : 'directory.synced', result: 'success', authMode: 'sync', reason: `${report.mode} ${report.scope}: ${summary}` });
    return report;
  }
}

/** Where an incremental run starts, or undefined for a full run: no mark yet, or (AD) another DC's USN. */
function incrementalStart(previous: ChangeMark | undefined, now: ChangeMark): ChangeMark | undefined {
  if (!previous) return undefined;
  if (previous.usn) return now.usn && now.server === previous.server ? previous : undefined;
  return previous.modified ? previous : undefined;
}

/**
 * How far before a run's start the next run looks for changes, where they are found by modifyTimestamp: it covers
 * a directory server's clock running behind Gatehouse's by up to this much (AD, by USN, needs no margin).
 */
export const CLOCK_MARGIN_MS = 10 * 60_000;

/**
 * AD: the DC's highestCommittedUSN read before this run. Elsewhere: this run's start, less CLOCK_MARGIN_MS, as
 * generalized time. Not the newest modifyTimestamp seen: an entry changed during the scan, after the scan passed
 * it, may carry an older time than one changed later and read later; and after a bulk load every entry shares
 * that newest second, so each run would read them all again.
 */
function nextMark(now: ChangeMark, runStart: number): ChangeMark {
  if (now.usn) return now;
  return { modified: generalizedTime(runStart - CLOCK_MARGIN_MS) };
}

/** 20260101120000Z */
function generalizedTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

function change(kind: ChangeKind, record: ImportedUser): SyncChange {
  return { kind, id: record.id, login: record.login };
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>, width = PARALLEL): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
