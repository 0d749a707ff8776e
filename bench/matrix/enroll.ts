import { randomBytes } from 'node:crypto';
import { createSecretBox, scopedSecretBox } from '../../src/crypto/secret-box.js';
import type { DirectoryUser } from '../../src/directory/types.js';
import { deriveKey } from '../../src/secrets/secret-key.js';
import type { Store } from '../../src/store/types.js';
import { totpSecretOf } from '../common/bench-totp.js';

/** A phone to activate: the server issues the code, the driver's phone redeems it (it keeps the key). */
export interface Activation {
  login: string;
  code: string;
  passwordless: boolean;
}

/**
 * Enrolls the bench key for a user as the TOTP adapter's finishEnrollment stores it (sealed with the MFA key derived
 * from the cluster secret, bound to the user id), without the confirmation round trip: thousands of users at start.
 */
export async function enrollTotp(store: Store, secretKey: string, user: DirectoryUser): Promise<void> {
  const box = scopedSecretBox(createSecretBox(deriveKey(Buffer.from(secretKey, 'utf8'), 'mfa-secrets')), 'totp');
  const registration = { id: randomBytes(9).toString('base64url'), sealedSecret: box.seal(totpSecretOf(user.login), user.id), createdAt: new Date().toISOString() };
  await store.putRecord('mfa.totp.registration', user.id, registration);
}
