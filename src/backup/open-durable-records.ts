import type { Config } from '../config/index.js';
import { createRedisStore } from '../store/redis/redis-store.js';
import type { DurableRecordAccess } from '../store/redis/types.js';
import { openEmbeddedRecords } from './embedded-records.js';

/** Backup and restore move much more than one request does: give Redis time to answer. */
const BULK_COMMAND_TIMEOUT_MS = 60_000;

export type DurableRecords = DurableRecordAccess & { type: 'embedded' | 'redis'; close(): Promise<void> };

/** The durable records of the store the configuration names, for backup and restore. */
export async function openDurableRecords(config: Pick<Config, 'store' | 'dataDir'>): Promise<DurableRecords> {
  if (config.store.type === 'embedded') return { type: 'embedded', ...(await openEmbeddedRecords(config.dataDir)) };
  const { type: _type, commandTimeout, ...connection } = config.store;
  const store = await createRedisStore({ ...connection, commandTimeoutMs: Math.max(commandTimeout, BULK_COMMAND_TIMEOUT_MS) });
  return {
    type: 'redis',
    countRecords: () => store.countRecords(),
    snapshotRecords: () => store.snapshotRecords(),
    replaceRecords: (entries) => store.replaceRecords(entries),
    close: () => store.close(),
  };
}
