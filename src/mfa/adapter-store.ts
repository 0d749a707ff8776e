import type { Store } from '../store/types.js';
import type { AdapterStore } from './types.js';

/** The Store as one adapter sees it: ephemeral keys under `mfa:<id>:`, record kinds under `mfa.<id>.`. */
export function adapterStore(store: Store, adapterId: string): AdapterStore {
  const key = (k: string) => `mfa:${adapterId}:${k}`;
  const kind = (k: string) => `mfa.${adapterId}.${k}`;
  return {
    get: (k) => store.get(key(k)),
    set: (k, value, ttl) => store.set(key(k), value, ttl),
    setIfAbsent: (k, value, ttl) => store.setIfAbsent(key(k), value, ttl),
    take: (k) => store.take(key(k)),
    delete: (k) => store.delete(key(k)),
    increment: (k, ttl, by) => store.increment(key(k), ttl, by),
    putRecord: (k, id, value) => store.putRecord(kind(k), id, value),
    getRecord: (k, id) => store.getRecord(kind(k), id),
    deleteRecord: (k, id) => store.deleteRecord(kind(k), id),
  };
}
