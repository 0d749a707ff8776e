import { createEmbeddedStore } from './embedded/embedded-store.js';
import type { Clock } from './embedded/types.js';
import type { Store } from './types.js';

/** The `store` key of the configuration (see DESIGN.md). */
export type StoreConfig =
  | { type: 'embedded' }
  | { type: 'redis'; url?: string; sentinels?: string[]; name?: string; cluster?: string[]; prefix?: string };

/** What createStore needs from the composition root. */
export interface StoreDependencies {
  clock?: Clock;
}

/**
 * Builds the Store the configuration asks for. The embedded store keeps its durable records in `dataDir`.
 * Rejects for Redis until the Redis store exists.
 */
export async function createStore(
  config: { store: StoreConfig; dataDir: string },
  deps: StoreDependencies = {},
): Promise<Store> {
  switch (config.store.type) {
    case 'embedded':
      return createEmbeddedStore({ dataDir: config.dataDir, clock: deps.clock });
    case 'redis':
      throw new Error('the redis store is not available yet');
  }
}
