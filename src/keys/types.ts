import type { KeyObject } from 'node:crypto';
import type { Clock } from '../clock/clock.js';

/** The role a key pair plays; each role is one file `<role>.pem` in the keys dir. */
export type KeyRole = 'signing' | 'next' | 'previous';

/** One token-signing key pair and its certificate, as read from `<role>.pem`. */
export interface SigningKey {
  /** RFC 7638 JWK thumbprint (SHA-256) of the public key: every node computes the same kid from the same file. */
  kid: string;
  alg: 'RS256';
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The private key as PKCS#8 PEM. */
  privateKeyPem: string;
  /** The certificate (the leaf, when the file holds a chain) as PEM. */
  certificatePem: string;
  /** The certificate's DER in standard base64: the text of a SAML/WS-Fed `<ds:X509Certificate>`. */
  certificateDer: string;
  /** The certificate chain, leaf first, DER in standard base64: the JWK `x5c`. */
  certificateChain: string[];
  notBefore: Date;
  notAfter: Date;
  /** The file it was read from. */
  file: string;
}

/** A public JWK as published in JWKS documents. */
export interface PublicJwk {
  kty: 'RSA';
  kid: string;
  use: 'sig';
  alg: 'RS256';
  n: string;
  e: string;
  x5c: string[];
}

/** A private JWK, as oidc-provider's `jwks` configuration wants it. */
export interface PrivateJwk extends PublicJwk {
  d: string;
  p: string;
  q: string;
  dp: string;
  dq: string;
  qi: string;
}

export interface JsonWebKeySet<K> {
  keys: K[];
}

/**
 * The token-signing keys of this installation. `signing` signs; `next` (after a rollover) and `previous` (after an
 * activation) are published so relying parties can verify with them, and never sign.
 */
export interface KeySet {
  signing: SigningKey;
  next?: SigningKey;
  previous?: SigningKey;
  /** Public JWKS of every published key (signing, next, previous), without private members. */
  jwks(): JsonWebKeySet<PublicJwk>;
  /** Private JWKS for oidc-provider's `jwks` configuration: the signing key first, since it signs with the first match. */
  privateJwks(): JsonWebKeySet<PrivateJwk>;
}

export interface LoadOrCreateKeysOptions {
  /** The keys dir (config `keys.dir`), shared by every node. */
  dir: string;
  /** The certificate subject is "CN=<organizationName> Token Signing". */
  organizationName: string;
  /** Sets the certificate validity of a generated key; defaults to the system clock. */
  clock?: Clock;
}

export type RolloverKeysOptions = LoadOrCreateKeysOptions;

export interface ActivateNextKeyOptions {
  dir: string;
}
