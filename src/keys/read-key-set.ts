import { buildKeySet } from './build-key-set.js';
import { KeyFileError } from './key-file-error.js';
import { keyFile } from './key-files.js';
import { readKeyFiles } from './read-key-files.js';
import type { KeySet } from './types.js';

/** The KeySet on disk in `dir`; a KeyFileError when there is no signing key. */
export async function readKeySet(dir: string): Promise<KeySet> {
  const { signing, next, previous } = await readKeyFiles(dir);
  if (!signing) throw new KeyFileError(keyFile(dir, 'signing'), 'does not exist; start Gatehouse once to generate it');
  return buildKeySet({ signing, next, previous });
}
