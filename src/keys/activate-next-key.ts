import { readFile, rename } from 'node:fs/promises';
import { replaceFile, syncDir } from './atomic-files.js';
import { KeyFileError } from './key-file-error.js';
import { keyFile } from './key-files.js';
import { readKeyFiles } from './read-key-files.js';
import { readKeySet } from './read-key-set.js';
import { withKeysLock } from './with-keys-lock.js';
import type { ActivateNextKeyOptions, KeySet } from './types.js';

/**
 * Ends a rollover: the next key becomes the signing key, and the signing key becomes previous.pem, still published
 * so that tokens it signed keep verifying until they expire (a later activation replaces it; delete it sooner by
 * hand). Every step is one atomic file operation, and a crash between them is completed by running it again.
 * @throws KeyFileError naming next.pem when there is no next key, or naming any key file that is unusable.
 */
export async function activateNextKey(options: ActivateNextKeyOptions): Promise<KeySet> {
  await readKeySet(options.dir); // a clear error before locking a dir that may not exist
  return withKeysLock(options.dir, async () => {
    const signingFile = keyFile(options.dir, 'signing');
    const nextFile = keyFile(options.dir, 'next');
    // Parses every file first: a corrupt next.pem must not become the signer.
    const files = await readKeyFiles(options.dir);
    if (!files.next) throw new KeyFileError(nextFile, 'does not exist; run `gatehouse certs rollover` first');
    // A copy, not a rename, so that signing.pem is never missing for a reader.
    await replaceFile(keyFile(options.dir, 'previous'), await readFile(signingFile, 'utf8'));
    await rename(nextFile, signingFile).catch((error: unknown) => {
      throw new KeyFileError(signingFile, `cannot be replaced by next.pem (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
    });
    await syncDir(options.dir);
    return readKeySet(options.dir);
  });
}
