import type { Config } from '../config/index.js';
import { BackupError } from './backup-error.js';
import type { BackupHeader } from './backup-format.js';
import { backupKeyFrom } from './backup-key.js';
import { openDurableRecords } from './open-durable-records.js';
import { readClusterSecret } from './read-cluster-secret.js';
import { verifyBackup } from './read-backup.js';

export interface RestoreSummary {
  header: BackupHeader;
  records: number;
  kinds: number;
  target: 'embedded' | 'redis';
  replaced: number;
}

/**
 * `gatehouse restore`: checks the whole file first (format, checksum, key, every record), then puts its records
 * into the configured store in one atomic step. A store that already holds records is left alone unless `replace`
 * is set; then its records are replaced by the backup's (records not in the backup are gone).
 */
export async function restoreData(config: Config, file: string, options: { replace: boolean; env: NodeJS.ProcessEnv }): Promise<RestoreSummary> {
  const key = backupKeyFrom(readClusterSecret(config, options.env));
  const backup = await verifyBackup(file, key);
  const records = await openDurableRecords(config);
  try {
    const existing = await records.countRecords();
    if (existing > 0 && !options.replace) {
      throw new BackupError(`the ${records.type} store already holds ${existing} records; nothing was changed (give --replace to replace them with the backup's)`);
    }
    const written = await records.replaceRecords(() => backup.entries());
    return { header: backup.header, records: written, kinds: backup.kinds, target: records.type, replaced: existing };
  } finally {
    await records.close();
  }
}
