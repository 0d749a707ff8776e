import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { bitString, boolean, explicit, nullValue, octetString, oid, sequence, set, time, tlv, unsignedInteger, utf8String } from './der.js';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
const KEY_USAGE = '2.5.29.15';
const BASIC_CONSTRAINTS = '2.5.29.19';

/** What goes into a self-signed token-signing certificate. */
export interface CertificateRequest {
  privateKey: KeyObject;
  publicKey: KeyObject;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

/**
 * An X.509 v3 certificate (RFC 5280) for an RSA key, signed by that key with SHA-256, as DER.
 * Extensions: CA:FALSE, keyUsage digitalSignature (critical: it signs tokens, nothing else), and a subject key
 * identifier (SHA-1 of the public key, RFC 5280 §4.2.1.2 method 1) that SAML KeyInfo and Windows can refer to.
 */
export function createCertificate(request: CertificateRequest): Buffer {
  const algorithm = sequence(oid(SHA256_WITH_RSA), nullValue());
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8String(request.commonName))));
  const spki = request.publicKey.export({ type: 'spki', format: 'der' });
  const rsaPublicKey = request.publicKey.export({ type: 'pkcs1', format: 'der' });
  // 16 random bytes (RFC 5280 allows up to 20), the first one 0x01..0x7f: positive, never a leading zero, so the
  // serial always encodes in 16 bytes; unique enough that no two of our certificates share one.
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const extensions = sequence(
    extension(BASIC_CONSTRAINTS, false, sequence()),
    // Named bit list with only bit 0 (digitalSignature): one content byte, 7 unused bits.
    extension(KEY_USAGE, true, tlv(0x03, Buffer.from([0x07, 0x80]))),
    extension(SUBJECT_KEY_IDENTIFIER, false, octetString(createHash('sha1').update(rsaPublicKey).digest())),
  );
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(time(request.notBefore), time(request.notAfter)),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, request.privateKey);
  return sequence(tbs, algorithm, bitString(signature));
}
