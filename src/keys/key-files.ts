import { join } from 'node:path';
import type { KeyRole } from './types.js';

/** Published order: the signer first, then the one that will sign next, then the one that signed before. */
export const KEY_ROLES: readonly KeyRole[] = ['signing', 'next', 'previous'];

// One file per role holding the private key and its certificate: a role changes with one atomic rename, so no
// reader ever sees a key paired with another key's certificate.
/** The path of the file holding a role's key pair. */
export function keyFile(dir: string, role: KeyRole): string {
  return join(dir, `${role}.pem`);
}
