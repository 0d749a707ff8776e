import type { Config } from '../config/index.js';
import { EmbeddedDirectory } from '../directory/index.js';
import { createStore, type Store } from '../store/index.js';
import { UsageError } from './types.js';

/**
 * Opens the embedded directory on the configured store. Safe while a server runs: the embedded store's durable
 * file is shared between processes, so the running node sees the change on its next read.
 */
export async function openEmbeddedDirectory(config: Config): Promise<{ directory: EmbeddedDirectory; store: Store }> {
  if (config.directory.type !== 'embedded') {
    throw new UsageError(`this verb manages the embedded directory; directory.type is ${config.directory.type}`);
  }
  const store = await createStore(config);
  return { directory: new EmbeddedDirectory(store), store };
}
