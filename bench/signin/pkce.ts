import { createHash, randomBytes } from 'node:crypto';

/** A PKCE verifier with its S256 challenge, and a state value (RFC 7636). */
export function pkcePair(): { verifier: string; challenge: string; state: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), state: randomBytes(16).toString('base64url') };
}
