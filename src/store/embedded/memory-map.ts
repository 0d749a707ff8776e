import type { Clock } from './types.js';
import { checkStep, checkTtl } from './check-arguments.js';

interface ValueEntry {
  json: string;
  expiresAt: number;
}

interface SetEntry {
  members: Set<string>;
  expiresAt: number;
}

/**
 * The ephemeral half of the embedded store: JSON values and string sets with TTLs, in memory.
 * Every method is synchronous, which is what makes take/setIfAbsent/increment atomic in one process.
 * Expired entries are dropped when touched and by sweep().
 */
export class MemoryMap {
  private readonly values = new Map<string, ValueEntry>();
  private readonly sets = new Map<string, SetEntry>();

  constructor(private readonly clock: Clock) {}

  get(key: string): string | undefined {
    return this.liveValue(key)?.json;
  }

  set(key: string, json: string, ttlMs: number): void {
    checkTtl(ttlMs);
    this.values.set(key, { json, expiresAt: this.clock.now() + ttlMs });
  }

  setIfAbsent(key: string, json: string, ttlMs: number): boolean {
    checkTtl(ttlMs);
    if (this.liveValue(key)) return false;
    this.values.set(key, { json, expiresAt: this.clock.now() + ttlMs });
    return true;
  }

  take(key: string): string | undefined {
    const entry = this.liveValue(key);
    this.values.delete(key);
    return entry?.json;
  }

  delete(key: string): void {
    this.values.delete(key);
    this.sets.delete(key);
  }

  increment(key: string, ttlMs: number, by: number): number {
    checkTtl(ttlMs);
    checkStep(by);
    const entry = this.liveValue(key);
    if (!entry) {
      this.values.set(key, { json: String(by), expiresAt: this.clock.now() + ttlMs });
      return by;
    }
    const current: unknown = JSON.parse(entry.json);
    if (typeof current !== 'number' || !Number.isSafeInteger(current)) {
      throw new TypeError(`the value at "${key}" is not a counter`);
    }
    entry.json = String(current + by);
    return current + by;
  }

  addToSet(key: string, member: string, ttlMs: number): void {
    checkTtl(ttlMs);
    const expiresAt = this.clock.now() + ttlMs;
    const entry = this.liveSet(key);
    if (entry) {
      entry.members.add(member);
      entry.expiresAt = expiresAt;
    } else {
      this.sets.set(key, { members: new Set([member]), expiresAt });
    }
  }

  setMembers(key: string): string[] {
    return [...(this.liveSet(key)?.members ?? [])];
  }

  /** Drops every expired entry, so keys nobody reads again do not pile up. */
  sweep(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.values) if (entry.expiresAt <= now) this.values.delete(key);
    for (const [key, entry] of this.sets) if (entry.expiresAt <= now) this.sets.delete(key);
  }

  clear(): void {
    this.values.clear();
    this.sets.clear();
  }

  private liveValue(key: string): ValueEntry | undefined {
    const entry = this.values.get(key);
    if (entry && entry.expiresAt <= this.clock.now()) {
      this.values.delete(key);
      return undefined;
    }
    return entry;
  }

  private liveSet(key: string): SetEntry | undefined {
    const entry = this.sets.get(key);
    if (entry && entry.expiresAt <= this.clock.now()) {
      this.sets.delete(key);
      return undefined;
    }
    return entry;
  }
}
