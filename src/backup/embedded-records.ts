import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lockFile } from '../store/embedded/file-lock.js';
import { RecordLog } from '../store/embedded/record-log.js';
import { RecordTable } from '../store/embedded/record-table.js';
import { writeCompactedLog } from '../store/embedded/write-compacted-log.js';
import type { DurableRecordAccess } from '../store/redis/types.js';

/** Never compact from here: backup only reads, and restore writes a whole new log itself. */
const NO_COMPACTION = { minBytes: Number.MAX_SAFE_INTEGER, ratio: Number.POSITIVE_INFINITY };

/**
 * Whole-dataset access to the embedded store's record log in `dataDir`, safe while a server uses the same log:
 * - a snapshot is the log as replayed at one instant (every write acknowledged before it, none half-written);
 * - a replacement writes a complete new log under the log's lock, fsyncs it and renames it over the old one, as
 *   compaction does, so a crash leaves the old records or the new, and a running server reloads on its next access.
 */
export async function openEmbeddedRecords(dataDir: string): Promise<DurableRecordAccess & { close(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const log = await RecordLog.open(dataDir, NO_COMPACTION);
  return {
    async countRecords() {
      return log.read((table) => {
        let count = 0;
        for (const _change of table.changes()) count += 1;
        return count;
      });
    },
    async *snapshotRecords() {
      const changes = await log.read((table) => [...table.changes()]);
      for (const { kind, id, json } of changes) yield { kind, id, json: json! };
    },
    async replaceRecords(entries) {
      const table = new RecordTable();
      for await (const { kind, id, json } of entries()) table.apply({ kind, id, json }, 0);
      const path = join(dataDir, 'records.log');
      const release = await lockFile(path);
      try {
        await writeCompactedLog(path, table);
      } finally {
        await release();
      }
      return log.read((fresh) => {
        let count = 0;
        for (const _change of fresh.changes()) count += 1;
        return count;
      });
    },
    close: () => log.close(),
  };
}
