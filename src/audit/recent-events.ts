import type { Store } from '../store/types.js';
import type { AuditEvent, AuditSink } from './types.js';

const SEQUENCE = 'audit:recent:seq';
const SLOT = (n: number) => `audit:recent:${n}`;
/** The sequence outlives the slots so that numbering does not restart while events are still shown. */
const SEQUENCE_TTL_MS = 365 * 86_400_000;

interface Slot {
  seq: number;
  event: AuditEvent;
}

/** Which recent events to show. */
export interface RecentFilter {
  /** The user's login (uniqueId) or the admin who acted (actor), exactly. */
  user?: string;
  /** An event name, or a noun followed by a dot (`lockout.`) for every event of that noun. */
  event?: string;
  result?: AuditEvent['result'];
  limit?: number;
}

/**
 * The admin pages' "recent events": the last `capacity` events of every node, in the Store. A ring of slots
 * numbered by one shared counter (`Store.increment` is atomic on every store), each slot an ephemeral value that
 * expires after `ttlMs`: no list type is needed, and nodes never overwrite each other's newest events.
 */
export class RecentEvents {
  constructor(
    private readonly store: Store,
    readonly capacity: number,
    private readonly ttlMs: number,
  ) {}

  async add(event: AuditEvent): Promise<void> {
    const seq = await this.store.increment(SEQUENCE, SEQUENCE_TTL_MS);
    await this.store.set(SLOT(seq % this.capacity), { seq, event } satisfies Slot, this.ttlMs);
  }

  /** Newest first. */
  async list(filter: RecentFilter = {}): Promise<AuditEvent[]> {
    const last = (await this.store.get<number>(SEQUENCE)) ?? 0;
    if (last === 0) return [];
    const first = Math.max(1, last - this.capacity + 1);
    const numbers = Array.from({ length: last - first + 1 }, (_, i) => last - i);
    const slots = await Promise.all(numbers.map((n) => this.store.get<Slot>(SLOT(n % this.capacity))));
    const limit = filter.limit ?? this.capacity;
    const events: AuditEvent[] = [];
    for (const [i, slot] of slots.entries()) {
      // A slot may already hold a newer lap's event (or an older one not yet overwritten): only its own number counts.
      if (!slot || slot.seq !== numbers[i]) continue;
      if (matches(slot.event, filter)) events.push(slot.event);
      if (events.length >= limit) break;
    }
    return events;
  }
}

function matches(event: AuditEvent, filter: RecentFilter): boolean {
  if (filter.user && event.uniqueId !== filter.user && event.actor !== filter.user) return false;
  if (filter.result && event.result !== filter.result) return false;
  if (filter.event) return filter.event.endsWith('.') ? event.event.startsWith(filter.event) : event.event === filter.event;
  return true;
}

/** An audit sink that keeps events in the Store's recent list; a failed write is logged, never thrown at a sign-in. */
export function createStoreSink(recent: RecentEvents, onError: (error: unknown) => void): AuditSink {
  const pending = new Set<Promise<void>>();
  return {
    write(event) {
      const write = recent.add(event).catch(onError);
      pending.add(write);
      void write.finally(() => pending.delete(write));
    },
    async close() {
      await Promise.all(pending);
    },
  };
}
