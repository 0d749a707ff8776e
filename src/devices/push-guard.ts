import type { Store } from '../store/types.js';
import type { PushSettings } from './types.js';

/**
 * Fatigue protection: a rate limit on pushes per user, and a cool-down after too many denied or unanswered
 * requests within a window. Counters with TTLs in the Store (Store.increment is atomic on every store), so every
 * node counts the same pushes.
 */
export class PushGuard {
  constructor(
    private readonly store: Store,
    private readonly settings: Pick<PushSettings, 'rateLimit' | 'fatigue'>,
  ) {}

  async coolingDown(userId: string): Promise<boolean> {
    return (await this.store.get(coolKey(userId))) !== undefined;
  }

  /** Counts one push; false when it is over the rate limit (and must not be sent). */
  async admit(userId: string): Promise<boolean> {
    const sent = await this.store.increment(rateKey(userId), this.settings.rateLimit.window);
    return sent <= this.settings.rateLimit.pushes;
  }

  /** Counts a denied or unanswered request; true when this one started the cool-down. */
  async countFailure(userId: string): Promise<boolean> {
    const { failures, window, coolDown } = this.settings.fatigue;
    const count = await this.store.increment(failureKey(userId), window);
    if (count < failures) return false;
    // setIfAbsent: of two nodes reaching the count together, one starts (and audits) the cool-down.
    const started = await this.store.setIfAbsent(coolKey(userId), 1, coolDown);
    if (started) await this.store.delete(failureKey(userId));
    return started;
  }

  /** Forgets counts and cool-down (an admin reset the user's methods or cleared a block). */
  async clear(userId: string): Promise<void> {
    await Promise.all([this.store.delete(rateKey(userId)), this.store.delete(failureKey(userId)), this.store.delete(coolKey(userId))]);
  }
}

const rateKey = (userId: string) => `push:sent:${userId}`;
const failureKey = (userId: string) => `push:failures:${userId}`;
const coolKey = (userId: string) => `push:cooldown:${userId}`;
