import type { Store } from '../../src/store/types.js';
import { enrolledUser, type Profile } from './enrolled-user.js';

const USERS_PER_BATCH = 500;

/** Enrolls users [from, to) through Store.putRecord, many writes in flight at once; reports progress now and then. */
export async function fillUsers(store: Store, profile: Profile, from: number, to: number, onProgress?: (done: number) => void): Promise<number> {
  let jsonBytes = 0;
  for (let start = from; start < to; start += USERS_PER_BATCH) {
    const writes: Array<Promise<void>> = [];
    for (let index = start; index < Math.min(to, start + USERS_PER_BATCH); index += 1) {
      for (const [kind, id, value] of enrolledUser(index, profile)) {
        jsonBytes += kind.length + id.length + JSON.stringify(value).length;
        writes.push(store.putRecord(kind, id, value));
      }
    }
    await Promise.all(writes);
    if (onProgress && (start - from) % 100_000 === 0) onProgress(start - from);
  }
  return jsonBytes;
}
