import { createHmac } from 'node:crypto';
import { deriveKey } from '../secrets/secret-key.js';

/** The backup key and its public id, both derived from the cluster secret. */
export interface BackupKey {
  key: Buffer;
  id: string;
}

export function backupKeyFrom(secret: Buffer): BackupKey {
  const key = deriveKey(secret, 'backup');
  return { key, id: createHmac('sha256', key).update('gatehouse backup key id').digest('hex').slice(0, 16) };
}
