import type { Store } from '../store/types.js';
import type { SigninHistoryEntry, SigninHistoryPort } from '../signin/deps.js';

const KEY = (userId: string) => `history:${userId}`;
/** How many completed sign-ins the portal shows. */
export const HISTORY_LENGTH = 20;
const TTL_MS = 90 * 24 * 3_600_000;

/**
 * The last sign-ins of each user, recorded by completeSignin (not from the audit: the audit's uniqueId is what the
 * person typed, while this list must be keyed by the directory's stable id). An ephemeral Store value kept 90
 * days: cheap on every sign-in (no durable write); on the embedded store it starts empty after a restart.
 * Two sign-ins of one user finishing at the same instant may keep only one of the two: it is a display, not the audit.
 */
export class SigninHistory implements SigninHistoryPort {
  constructor(private readonly store: Store) {}

  async record(userId: string, entry: SigninHistoryEntry): Promise<void> {
    const list = await this.list(userId);
    await this.store.set(KEY(userId), [entry, ...list].slice(0, HISTORY_LENGTH), TTL_MS);
  }

  /** Newest first. */
  async list(userId: string): Promise<SigninHistoryEntry[]> {
    return (await this.store.get<SigninHistoryEntry[]>(KEY(userId))) ?? [];
  }

  async forget(userId: string): Promise<void> {
    await this.store.delete(KEY(userId));
  }
}
