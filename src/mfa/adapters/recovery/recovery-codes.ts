import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Crockford's Base32 alphabet, lower case: no i, l, o or u, so codes read aloud and typed back without doubt. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 16;

/** Ten new codes of 16 characters (80 random bits each), shown as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const raw = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return raw.match(/.{4}/g)!.join('-');
  });
}

/** A typed code in canonical form (case, spaces and dashes dropped; i/l read as 1, o as 0); null when malformed. */
export function normalizeRecoveryCode(value: string | undefined): string | null {
  const code = (value ?? '').toLowerCase().replace(/[\s-]+/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/**
 * SHA-256 of the user id and the code. A fast hash is enough here: each code carries 80 random bits, so guessing
 * one from a stolen hash is out of reach however fast the hash is, and a slow one (scrypt) would only make every
 * sign-in pay for it ten times over.
 */
export function hashRecoveryCode(userId: string, code: string): string {
  return createHash('sha256').update(`gatehouse-recovery:${userId}:${normalizeRecoveryCode(code) ?? code}`).digest('hex');
}

/** The index of the hash in the list, comparing every entry in constant time (no early exit); -1 when absent. */
export function findHash(hashes: readonly string[], hash: string): number {
  const wanted = Buffer.from(hash, 'hex');
  let found = -1;
  hashes.forEach((candidate, index) => {
    const bytes = Buffer.from(candidate, 'hex');
    if (bytes.length === wanted.length && timingSafeEqual(bytes, wanted) && found < 0) found = index;
  });
  return found;
}
