import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory } from './file-sync.js';
import { encodeRecordLine } from './record-line.js';
import { RecordTable } from './record-table.js';

const BATCH_BYTES = 1 << 20;

/**
 * Rewrites the log at `path` to hold only the live records of `table`: written to a temporary file, fsynced and
 * renamed over the log, so a crash at any point leaves either the old log or the new one, never a mix.
 * The caller holds the log's lock. Returns the table as it stands in the new file (with the new line sizes).
 */
export async function writeCompactedLog(path: string, table: RecordTable): Promise<RecordTable> {
  const temporary = `${path}.compacting`;
  const compacted = new RecordTable();
  const handle = await open(temporary, 'w', 0o600);
  try {
    let batch: Buffer[] = [];
    let batchBytes = 0;
    for (const change of table.changes()) {
      const line = encodeRecordLine(change);
      compacted.apply(change, line.length);
      batch.push(line);
      batchBytes += line.length;
      if (batchBytes >= BATCH_BYTES) {
        await handle.write(Buffer.concat(batch));
        batch = [];
        batchBytes = 0;
      }
    }
    if (batch.length > 0) await handle.write(Buffer.concat(batch));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
  await syncDirectory(dirname(path));
  return compacted;
}
