import type { Config } from '../config/index.js';
import { withSyncLock } from '../directory/sync/index.js';
import { openUserSync } from './open-user-sync.js';
import { printSyncReport } from './print-sync-report.js';
import { EXIT, UsageError, type CliIo } from './types.js';

export interface ImportValues {
  base?: string | boolean;
  group?: string | boolean;
  'dry-run'?: string | boolean;
  'send-email'?: string | boolean;
  json?: string | boolean;
}

/**
 * `gatehouse users import (--base DN | --group DN) [--dry-run] [--send-email] [--json]`: brings the users of an OU,
 * or of a security group with its nested groups, into Gatehouse's records (additive: nobody is removed).
 */
export async function importUsers(values: ImportValues, config: Config, io: CliIo): Promise<number> {
  const base = typeof values.base === 'string' ? values.base : undefined;
  const group = typeof values.group === 'string' ? values.group : undefined;
  if (!base && !group) throw new UsageError('users import: give --base DN or --group DN');
  const opened = await openUserSync(config, io);
  try {
    const outcome = await withSyncLock(opened.store, () =>
      opened.sync.importScope({ ...(base ? { base } : {}), ...(group ? { group } : {}) }, { dryRun: values['dry-run'] === true, ...(values['send-email'] === true ? { sendEmail: true } : {}) }),
    );
    if (!outcome.ran) {
      io.err('gatehouse users import: a sync is running (another node or command); try again when it ends');
      return EXIT.failed;
    }
    printSyncReport(outcome.result, io, values.json === true);
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
