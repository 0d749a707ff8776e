import { createHash } from 'node:crypto';
import type { AdapterStore } from './types.js';

/** NIST SP 800-63B 5.2.2: no more than 100 consecutive failed attempts on one account. */
export const MAX_FAILURES_BOUND = 100;

export interface AttemptLimits {
  /** Failures within `lockMs` that lock the method for the user (at most 100). */
  maxFailures: number;
  /** How long a lock lasts; also the window failures are counted in (from the first one). */
  lockMs: number;
  /** Failures from one client address, for any user, before that address is refused for a while. */
  sourceMaxFailures: number;
  sourceWindowMs: number;
}

/** What the limiter read before the check: the same two Store reads happen whatever the state. */
export interface Gate {
  locked: boolean;
  sourceLimited: boolean;
}

/**
 * Counts failed attempts of one method per user and per source address in the Store, so every node shares them
 * (Store.increment is atomic on both the embedded store and Redis). A plain counter with a TTL is all the rule
 * needs; rate-limiter-flexible would only wrap the same increment behind a custom store class.
 *
 * Callers run the same code whether or not the method is locked: read the gate, verify, then count the failure.
 */
export class AttemptLimiter {
  constructor(
    private readonly store: AdapterStore,
    private readonly limits: AttemptLimits,
  ) {
    if (limits.maxFailures < 1 || limits.maxFailures > MAX_FAILURES_BOUND) throw new RangeError(`maxFailures must be 1..${MAX_FAILURES_BOUND}`);
  }

  async gate(subject: string, source: string): Promise<Gate> {
    const [lock, sourceCount] = await Promise.all([this.store.get<number>(lockKey(subject)), this.store.get<number>(sourceKey(source))]);
    return { locked: lock !== undefined, sourceLimited: Number(sourceCount ?? 0) >= this.limits.sourceMaxFailures };
  }

  /** Counts one failure for the user and the source; `locked` when this failure is the one that locked the method. */
  async fail(subject: string, source: string, gate: Gate): Promise<'counted' | 'locked'> {
    const [failures] = await Promise.all([
      this.store.increment(failKey(subject), this.limits.lockMs),
      this.store.increment(sourceKey(source), this.limits.sourceWindowMs),
    ]);
    if (gate.locked || failures < this.limits.maxFailures) return 'counted';
    // setIfAbsent: of two nodes reaching the count together, one reports the lock.
    return (await this.store.setIfAbsent(lockKey(subject), 1, this.limits.lockMs)) ? 'locked' : 'counted';
  }

  /** A success ends the run of consecutive failures. */
  async succeed(subject: string): Promise<void> {
    await this.store.delete(failKey(subject));
  }

  /** Forgets failures and lock (the method was removed or reset). */
  async clear(subject: string): Promise<void> {
    await Promise.all([this.store.delete(failKey(subject)), this.store.delete(lockKey(subject))]);
  }

  /** Whole minutes a lock lasts, for the message. */
  get lockMinutes(): number {
    return Math.max(1, Math.ceil(this.limits.lockMs / 60_000));
  }
}

const failKey = (subject: string) => `fail:${subject}`;
const lockKey = (subject: string) => `lock:${subject}`;
// Addresses are hashed so that keys have one shape whatever the address looks like (IPv6 zone ids, …).
const sourceKey = (source: string) => `src:${createHash('sha256').update(source).digest('base64url').slice(0, 22)}`;
