import { writeFileOnce } from './atomic-files.js';
import { generateKeyFile } from './generate-key-file.js';
import { keyFile } from './key-files.js';
import { readKeyFiles } from './read-key-files.js';
import { readKeySet } from './read-key-set.js';
import { withKeysLock } from './with-keys-lock.js';
import type { KeySet, RolloverKeysOptions } from './types.js';

/**
 * Starts a rollover: generates next.pem, a new key and certificate that is published (JWKS, SAML and WS-Fed
 * metadata) but does not sign, so relying parties can learn it before `activateNextKey` makes it the signer.
 * Does nothing when a next key already exists, so running it twice never discards a key someone has published.
 * @throws KeyFileError when there is no signing key yet, or a key file is unusable.
 */
export async function rolloverKeys(options: RolloverKeysOptions): Promise<KeySet> {
  await readKeySet(options.dir); // a clear error before locking a dir that may not exist
  return withKeysLock(options.dir, async () => {
    const files = await readKeyFiles(options.dir);
    if (!files.next) {
      const content = await generateKeyFile({ organizationName: options.organizationName, now: options.clock?.now() ?? Date.now() });
      await writeFileOnce(keyFile(options.dir, 'next'), content);
    }
    return readKeySet(options.dir);
  });
}
