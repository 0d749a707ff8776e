import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseLdifRecords } from '../../helpers/ldif-records.js';

/**
 * The LDIF with an entryUUID on every entry, derived from its DN, so that two slapd instances loaded from it hold
 * the same ids, as replicas of one directory do (slapadd would otherwise give each its own).
 */
export async function replicaLdif(source: string, dir: string): Promise<string> {
  const records = parseLdifRecords(await readFile(source, 'utf8'));
  const file = join(dir, 'replica.ldif');
  await writeFile(file, records.map((record) => `${record.text}\nentryUUID: ${uuidFor(record.dn)}`).join('\n\n') + '\n');
  return file;
}

function uuidFor(dn: string): string {
  const hex = createHash('sha1').update(dn.toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
