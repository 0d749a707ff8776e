import { chmod, mkdir } from 'node:fs/promises';
import { writeFileOnce } from './atomic-files.js';
import { buildKeySet } from './build-key-set.js';
import { generateKeyFile } from './generate-key-file.js';
import { readKeySet } from './read-key-set.js';
import { readKeyFiles } from './read-key-files.js';
import { keyFile } from './key-files.js';
import { KeyFileError } from './key-file-error.js';
import type { KeySet, LoadOrCreateKeysOptions } from './types.js';

async function createKeysDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw new KeyFileError(dir, `cannot be created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  });
  // The dir may pre-exist (./certs ships with its README): it is about to hold private keys, so it is closed now.
  await chmod(dir, 0o700).catch(() => undefined); // best effort: a dir owned by someone else keeps its mode
}

/**
 * The token-signing keys in `dir`: read from signing.pem (and next.pem, previous.pem when present), or, on the
 * very first start, generated there: an RSA 2048 key and a self-signed certificate "CN=<organizationName> Token
 * Signing" valid for 3 years. Nodes starting together on one dir all end with the same key: the first complete
 * file to be linked into place wins and every node reads back what is on disk.
 * @throws KeyFileError naming the file when a key file is unreadable, corrupt or inconsistent.
 */
export async function loadOrCreateKeys(options: LoadOrCreateKeysOptions): Promise<KeySet> {
  const existing = await readKeyFiles(options.dir);
  if (existing.signing) return buildKeySet({ ...existing, signing: existing.signing });
  if (existing.next || existing.previous) {
    // A half-restored dir: generating a fresh signer here would silently break every relying party.
    throw new KeyFileError(keyFile(options.dir, 'signing'), 'is missing while other key files exist; restore it from a backup');
  }
  await createKeysDir(options.dir);
  const content = await generateKeyFile({ organizationName: options.organizationName, now: options.clock?.now() ?? Date.now() });
  // Losing the race to another node is fine: its key is on disk, and is what we read back.
  await writeFileOnce(keyFile(options.dir, 'signing'), content);
  return readKeySet(options.dir);
}
