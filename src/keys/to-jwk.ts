import type { JsonWebKey } from 'node:crypto';
import type { PrivateJwk, PublicJwk, SigningKey } from './types.js';

function member(jwk: JsonWebKey, name: 'n' | 'e' | 'd' | 'p' | 'q' | 'dp' | 'dq' | 'qi', key: SigningKey): string {
  const value = jwk[name];
  if (typeof value !== 'string' || value === '') throw new Error(`${key.file}: the RSA key has no "${name}" parameter`);
  return value;
}

/** The public JWK of a key: kid, use and alg set, and its certificate chain as x5c. */
export function toPublicJwk(key: SigningKey): PublicJwk {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return {
    kty: 'RSA',
    kid: key.kid,
    use: 'sig',
    alg: key.alg,
    n: member(jwk, 'n', key),
    e: member(jwk, 'e', key),
    x5c: [...key.certificateChain],
  };
}

/** The private JWK of a key, in the form oidc-provider's `jwks` configuration requires (every CRT parameter). */
export function toPrivateJwk(key: SigningKey): PrivateJwk {
  const jwk = key.privateKey.export({ format: 'jwk' });
  return {
    ...toPublicJwk(key),
    d: member(jwk, 'd', key),
    p: member(jwk, 'p', key),
    q: member(jwk, 'q', key),
    dp: member(jwk, 'dp', key),
    dq: member(jwk, 'dq', key),
    qi: member(jwk, 'qi', key),
  };
}
