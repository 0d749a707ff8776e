import { toPrivateJwk, toPublicJwk } from './to-jwk.js';
import type { KeySet, SigningKey } from './types.js';

export interface KeyPairs {
  signing: SigningKey;
  next?: SigningKey | undefined;
  previous?: SigningKey | undefined;
}

/** A KeySet over the key pairs read from disk. */
export function buildKeySet(pairs: KeyPairs): KeySet {
  // An activation interrupted between its two steps leaves previous.pem equal to signing.pem; publishing a kid
  // twice would make oidc-provider refuse its configuration.
  const published: SigningKey[] = [];
  for (const key of [pairs.signing, pairs.next, pairs.previous]) {
    if (key && !published.some((other) => other.kid === key.kid)) published.push(key);
  }
  return {
    signing: pairs.signing,
    ...(pairs.next && pairs.next.kid !== pairs.signing.kid ? { next: pairs.next } : {}),
    ...(pairs.previous && pairs.previous.kid !== pairs.signing.kid ? { previous: pairs.previous } : {}),
    jwks: () => ({ keys: published.map(toPublicJwk) }),
    privateJwks: () => ({ keys: published.map(toPrivateJwk) }),
  };
}
