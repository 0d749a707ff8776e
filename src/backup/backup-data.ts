import type { Config } from '../config/index.js';
import { backupKeyFrom } from './backup-key.js';
import { openDurableRecords } from './open-durable-records.js';
import { readClusterSecret } from './read-cluster-secret.js';
import { writeBackup, type BackupSummary } from './write-backup.js';

/** `gatehouse backup`: a consistent, encrypted snapshot of every durable record of the configured store. */
export async function backupData(config: Config, out: string, env: NodeJS.ProcessEnv): Promise<BackupSummary & { source: string }> {
  const key = backupKeyFrom(readClusterSecret(config, env));
  const records = await openDurableRecords(config);
  try {
    const summary = await writeBackup({ records: records.snapshotRecords(), key, source: records.type, out });
    return { ...summary, source: records.type };
  } finally {
    await records.close();
  }
}
