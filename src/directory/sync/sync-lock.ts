import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/types.js';

const KEY = 'directory.sync.lock';
/** Long enough for 100,000 users several times over; a crashed holder blocks syncs no longer than this. */
export const SYNC_LOCK_TTL = 10 * 60_000;

/**
 * Runs `work` while holding the cluster-wide sync lock (a Store key), so two nodes, or a node and the CLI, never
 * sync at once. Resolves `{ ran: false }` when someone else holds it.
 */
export async function withSyncLock<T>(store: Store, work: () => Promise<T>, ttl = SYNC_LOCK_TTL): Promise<{ ran: true; result: T } | { ran: false }> {
  const owner = randomUUID();
  if (!(await store.setIfAbsent(KEY, owner, ttl))) return { ran: false };
  try {
    return { ran: true, result: await work() };
  } finally {
    if ((await store.get(KEY)) === owner) await store.delete(KEY);
  }
}
