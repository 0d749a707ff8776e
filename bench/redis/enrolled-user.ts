import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createSecretBox, scopedSecretBox } from '../../src/crypto/secret-box.js';
import { deriveKey } from '../../src/secrets/secret-key.js';

/** Which durable records one enrolled user has, by where the directory lives and which methods they set up. */
export type Profile = 'ldap-totp' | 'ldap-totp-recovery' | 'embedded-totp-recovery';

export const PROFILES: Array<{ id: Profile; label: string }> = [
  { id: 'ldap-totp', label: 'LDAP user, authenticator app' },
  { id: 'ldap-totp-recovery', label: 'LDAP user, app + 10 recovery codes' },
  { id: 'embedded-totp-recovery', label: 'embedded-directory user, app + recovery codes' },
];

const box = scopedSecretBox(createSecretBox(deriveKey(Buffer.from('bench-secret-0123456789abcdef0123456789'), 'mfa-secrets')), 'totp');
/** One real scrypt hash, reused: every user's hash has the same length, which is all memory depends on. */
const PASSWORD_HASH = `scrypt$32768$8$3$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`;

interface Secrets {
  sealedSecret: string;
  hashes: string[];
  registrationId: string;
  codesId: string;
}

/** Sealing and hashing cost more than the writes: a pool of real values, reused; only their sizes matter here. */
const pool: Secrets[] = Array.from({ length: 256 }, () => ({
  sealedSecret: box.seal(randomBytes(20).toString('hex').slice(0, 32).toUpperCase(), randomUUID()),
  hashes: Array.from({ length: 10 }, () => createHash('sha256').update(randomBytes(10)).digest('hex')),
  registrationId: randomBytes(9).toString('base64url'),
  codesId: randomBytes(9).toString('base64url'),
}));

/**
 * The records an enrolled user has, shaped and sized as src/directory/embedded and src/mfa write them
 * (a sealed 160-bit TOTP key, ten SHA-256 recovery code hashes, a scrypt password hash).
 */
export function enrolledUser(index: number, profile: Profile): Array<[kind: string, id: string, value: unknown]> {
  const id = randomUUID();
  const login = `user${index}`;
  const now = new Date().toISOString();
  const secrets = pool[index % pool.length]!;
  const records: Array<[string, string, unknown]> = [
    ['mfa.totp.registration', id, { id: secrets.registrationId, sealedSecret: secrets.sealedSecret, createdAt: now }],
    ['mfa.preferences', id, { lastUsed: 'totp' }],
  ];
  if (profile !== 'ldap-totp') records.push(['mfa.recovery.codes', id, { id: secrets.codesId, hashes: secrets.hashes, createdAt: now }]);
  if (profile === 'embedded-totp-recovery') {
    records.push(
      ['directory.user', id, { id, login, name: `User ${index}`, email: `${login}@example.org`, groups: ['staff'], passwordHash: PASSWORD_HASH, createdAt: now }],
      ['directory.login', login, id],
    );
  }
  return records;
}
