import { createEmbeddedStore } from './embedded/embedded-store.js';
import type { Clock } from './embedded/types.js';
import { createRedisStore } from './redis/redis-store.js';
import type { StoreLogger } from './redis/types.js';
import type { Store } from './types.js';

/** The `store` key of the configuration (see DESIGN.md). */
export type StoreConfig =
  | { type: 'embedded' }
  | {
      type: 'redis';
      url?: string;
      sentinels?: string[];
      name?: string;
      cluster?: string[];
      prefix?: string;
      password?: string;
      /** Milliseconds. */
      commandTimeout?: number;
      waitForReplicas?: number;
    };

/** What createStore needs from the composition root. */
export interface StoreDependencies {
  clock?: Clock;
  /** Where the Redis store reports losing and regaining its connection. */
  logger?: StoreLogger;
}

/**
 * Builds the Store the configuration asks for. The embedded store keeps its durable records in `dataDir`; the
 * Redis store rejects when Redis cannot be reached at start-up.
 */
export async function createStore(
  config: { store: StoreConfig; dataDir: string },
  deps: StoreDependencies = {},
): Promise<Store> {
  switch (config.store.type) {
    case 'embedded':
      return createEmbeddedStore({ dataDir: config.dataDir, clock: deps.clock });
    case 'redis': {
      const { type: _type, commandTimeout, ...connection } = config.store;
      return createRedisStore({ ...connection, commandTimeoutMs: commandTimeout, logger: deps.logger });
    }
  }
}
