import { createHash } from 'node:crypto';
import type { Audit, AuditInput } from '../audit/types.js';
import type { Clock } from '../clock/clock.js';
import type { Directory, DirectoryUser } from '../directory/types.js';
import type { LockoutGate, PasswordLockout } from '../signin/deps.js';
import type { Store } from '../store/types.js';
import type { LockoutScope, LockoutSettings, LockoutStatus, ScopeStatus } from './types.js';

/** Durable: survives restarts and is seen by every process (an unlock from the CLI reaches a running node). */
const GENERATION = 'lockout.generation';
const COUNTER = (subject: string, generation: number, scope: LockoutScope) => `lockout:${subject}:${generation}:${scope}:failures`;
const LOCK = (subject: string, generation: number, scope: LockoutScope) => `lockout:${subject}:${generation}:${scope}:locked`;

type Fields = Omit<AuditInput, 'event' | 'result'>;

interface Gate extends LockoutGate {
  subject: string;
  generation: number;
  scope: LockoutScope;
}

interface Lock {
  at: number;
  until: number;
}

/** What smart lockout needs: the Store (counters shared by every node), the user's familiar IPs, the audit. */
export interface SmartLockoutDeps {
  store: Store;
  directory: Pick<Directory, 'findUser'>;
  familiarIps: (userId: string) => Promise<string[]>;
  audit: Audit;
  clock: Clock;
}

/**
 * Extranet smart lockout (AD FS ESL). Each user has two failure counters in the Store, one for familiar places
 * and one for unfamiliar ones, each expiring `window` after its first failure. A counter reaching its threshold
 * locks that kind of place out for `window`: an attacker guessing from elsewhere locks only unfamiliar places, and
 * the user still signs in from home. A locked source is refused before the directory is asked, so with
 * thresholds below AD's own lockout threshold the AD account is never locked by strangers.
 *
 * Unlocking bumps the user's generation (a durable record): every counter and lock of the old generation is
 * left behind to expire, on every node and from the CLI alike, with no ephemeral key to delete across processes.
 */
export class SmartLockout implements PasswordLockout {
  constructor(
    private readonly deps: SmartLockoutDeps,
    readonly settings: LockoutSettings,
  ) {}

  async check(login: string, clientIp: string): Promise<Gate> {
    // A directory that cannot be reached is the password check's to report ("unavailable"): lockout then counts
    // under the login, as for an unknown user, and the failure that follows is not a wrong password.
    const user = await this.deps.directory.findUser(login).catch(() => null);
    const subject = subjectOf(user, login);
    const familiar = user ? (await this.deps.familiarIps(user.id)).includes(clientIp) : false;
    const scope: LockoutScope = familiar ? 'familiar' : 'unfamiliar';
    const generation = await this.generation(subject);
    const locked = this.settings.mode === 'enforce' && (await this.deps.store.get<Lock>(LOCK(subject, generation, scope))) !== undefined;
    return { refused: locked, subject, generation, scope };
  }

  async failed(gate: LockoutGate, fields: Fields): Promise<void> {
    const { subject, generation, scope } = gate as Gate;
    const { window, mode } = this.settings;
    const failures = await this.deps.store.increment(COUNTER(subject, generation, scope), window);
    if (failures < this.threshold(scope)) return;
    const now = this.deps.clock.now();
    // setIfAbsent: of many nodes crossing the threshold together, one records the lockout.
    if (!(await this.deps.store.setIfAbsent(LOCK(subject, generation, scope), { at: now, until: now + window } satisfies Lock, window))) return;
    this.deps.audit.record({ ...fields, event: 'lockout.triggered', result: mode === 'enforce' ? 'failure' : 'info', reason: mode === 'enforce' ? scope : `${scope}_log_only` });
  }

  async succeeded(gate: LockoutGate, fields: Fields): Promise<void> {
    const { subject, generation, scope } = gate as Gate;
    await this.deps.store.delete(COUNTER(subject, generation, scope));
    // Only in log-only mode can a locked kind of place sign in: its would-be lockout ends here.
    if (await this.deps.store.take(LOCK(subject, generation, scope))) {
      this.deps.audit.record({ ...fields, event: 'lockout.cleared', result: 'success', reason: `signin_${scope}` });
    }
  }

  /**
   * Clears both counters and both locks of a user (`gatehouse users unlock`, the admin API) and audits
   * lockout.cleared with who did it. Returns what was there before.
   */
  async unlock(user: DirectoryUser, actor: string, fields: Partial<Fields> = {}): Promise<LockoutStatus> {
    const before = await this.status(user);
    const subject = subjectOf(user, user.login);
    await this.deps.store.putRecord(GENERATION, subject, { generation: (await this.generation(subject)) + 1, at: new Date(this.deps.clock.now()).toISOString() });
    this.deps.audit.record({ ...fields, uniqueId: user.login, actor, event: 'lockout.cleared', result: 'success', reason: 'admin' });
    return before;
  }

  async status(user: DirectoryUser): Promise<LockoutStatus> {
    const subject = subjectOf(user, user.login);
    const generation = await this.generation(subject);
    const scope = async (name: LockoutScope): Promise<ScopeStatus> => {
      const [failures, lock] = await Promise.all([
        this.deps.store.get<number | string>(COUNTER(subject, generation, name)),
        this.deps.store.get<Lock>(LOCK(subject, generation, name)),
      ]);
      return { failures: Number(failures ?? 0), threshold: this.threshold(name), locked: lock !== undefined, ...(lock ? { until: new Date(lock.until).toISOString() } : {}) };
    };
    const [familiar, unfamiliar] = await Promise.all([scope('familiar'), scope('unfamiliar')]);
    return { mode: this.settings.mode, familiar, unfamiliar };
  }

  private threshold(scope: LockoutScope): number {
    return scope === 'familiar' ? this.settings.familiarThreshold : this.settings.unfamiliarThreshold;
  }

  private async generation(subject: string): Promise<number> {
    return (await this.deps.store.getRecord<{ generation: number }>(GENERATION, subject))?.generation ?? 0;
  }
}

/**
 * Counters belong to the directory's user, whatever login they typed; a login nobody has is counted under its
 * hash, so unknown users lock out exactly like real ones (nothing tells them apart).
 */
function subjectOf(user: DirectoryUser | null, login: string): string {
  return user ? `u:${user.id}` : `l:${createHash('sha256').update(login.trim().toLowerCase()).digest('base64url')}`;
}
