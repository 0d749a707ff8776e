import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSecretKey } from '../secrets/secret-key.js';
import { BackupError } from './backup-error.js';

/**
 * The cluster secret as the server would load it (secrets.key, else GATEHOUSE_SECRET_KEY, else dataDir/secret.key),
 * except that none is generated: a backup made, or restored, under a fresh random secret would be useless.
 */
export function readClusterSecret(config: { secrets: { key: string | null }; dataDir: string }, env: NodeJS.ProcessEnv): Buffer {
  const file = join(config.dataDir, 'secret.key');
  if (!config.secrets.key && !env.GATEHOUSE_SECRET_KEY && !existsSync(file)) {
    throw new BackupError(`no cluster secret: set secrets.key or GATEHOUSE_SECRET_KEY, or put the cluster's secret.key into ${config.dataDir}`);
  }
  return loadSecretKey({ configured: config.secrets.key, env, dataDir: config.dataDir });
}
