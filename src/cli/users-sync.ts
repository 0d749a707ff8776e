import type { Config } from '../config/index.js';
import { configuredScope, withSyncLock } from '../directory/sync/index.js';
import { openUserSync } from './open-user-sync.js';
import { printSyncReport } from './print-sync-report.js';
import { EXIT, UsageError, type CliIo } from './types.js';

export interface SyncValues {
  'dry-run'?: string | boolean;
  full?: string | boolean;
  json?: string | boolean;
}

/**
 * `gatehouse users sync [--dry-run] [--full] [--json]`: runs directory.sync now, as the schedule would (incremental
 * after the first run); --dry-run lists what would change and changes nothing.
 */
export async function syncUsers(values: SyncValues, config: Config, io: CliIo): Promise<number> {
  if (config.directory.type !== 'ldap') throw new UsageError(`users sync reads an LDAP directory; directory.type is ${config.directory.type}`);
  if (!configuredScope(config)) throw new UsageError('users sync: set directory.sync.base or directory.sync.group in the config');
  const opened = await openUserSync(config, io);
  try {
    const outcome = await withSyncLock(opened.store, () => opened.sync.sync({ dryRun: values['dry-run'] === true, full: values.full === true }));
    if (!outcome.ran) {
      io.err('gatehouse users sync: a sync is running (another node or command); try again when it ends');
      return EXIT.failed;
    }
    printSyncReport(outcome.result, io, values.json === true);
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
