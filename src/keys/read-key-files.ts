import { readFile } from 'node:fs/promises';
import { KeyFileError } from './key-file-error.js';
import { KEY_ROLES, keyFile } from './key-files.js';
import { parseKeyFile } from './parse-key-file.js';
import type { KeyRole, SigningKey } from './types.js';

export type KeyFiles = Partial<Record<KeyRole, SigningKey>>;

async function readRole(dir: string, role: KeyRole): Promise<SigningKey | undefined> {
  const file = keyFile(dir, role);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new KeyFileError(file, `cannot be read (${code ?? (error as Error).message})`, { cause: error });
  }
  return parseKeyFile(file, text);
}

/** Every key pair present in the keys dir, by role; a missing file is simply absent, a bad one a KeyFileError. */
export async function readKeyFiles(dir: string): Promise<KeyFiles> {
  const files: KeyFiles = {};
  // Signing first: should an activation run meanwhile, this read at worst misses the new key (until the next
  // read), and always has a signer.
  for (const role of KEY_ROLES) {
    const key = await readRole(dir, role);
    if (key) files[role] = key;
  }
  return files;
}
