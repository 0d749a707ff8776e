export { createRedisStore } from './redis-store.js';
export { StoreUnavailableError } from './store-unavailable-error.js';
export type { DurableRecordAccess, RecordEntry, RedisStore, RedisStoreOptions, StoreLogger } from './types.js';
