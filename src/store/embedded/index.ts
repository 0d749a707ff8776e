export { createEmbeddedStore } from './embedded-store.js';
export type { Clock, EmbeddedStoreOptions } from './types.js';
