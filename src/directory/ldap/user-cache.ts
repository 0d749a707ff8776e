import type { Clock } from '../../clock/clock.js';
import type { DirectoryUser } from '../types.js';

const MAX_ENTRIES = 10_000;

/** Users read recently, by id, for `ttl` ms: one sign-in reads the same user several times (access, MFA, tokens). */
export class UserCache {
  readonly #entries = new Map<string, { user: DirectoryUser; expires: number }>();

  constructor(
    private readonly ttl: number,
    private readonly clock: Clock,
  ) {}

  get(id: string): DirectoryUser | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.expires > this.clock.now()) return structuredClone(entry.user);
    this.#entries.delete(id);
    return undefined;
  }

  set(user: DirectoryUser): void {
    if (this.ttl <= 0) return;
    this.#entries.delete(user.id);
    // Oldest first: a Map keeps insertion order.
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(user.id, { user: structuredClone(user), expires: this.clock.now() + this.ttl });
  }
}
