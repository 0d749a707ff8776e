export type { Store } from './types.js';
export { createStore, type StoreConfig, type StoreDependencies } from './create-store.js';
export { createEmbeddedStore, type Clock, type EmbeddedStoreOptions } from './embedded/index.js';
export { createRedisStore, StoreUnavailableError } from './redis/index.js';
export type { DurableRecordAccess, RecordEntry, RedisStore, RedisStoreOptions, StoreLogger } from './redis/index.js';
