import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh parent dir per test; the keys dir inside it does not exist yet, as on a first start. */
export async function makeKeysDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'gatehouse-keys-'));
  return { dir: join(parent, 'certs'), cleanup: () => rm(parent, { recursive: true, force: true }) };
}
