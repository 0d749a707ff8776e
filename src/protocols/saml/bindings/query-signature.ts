import { sign, verify } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { ALGORITHMS, XmlRefusal, type XmlSigningKey } from '../../../xml/index.js';

const HASH_OF: Record<string, string> = { [ALGORITHMS.rsaSha256]: 'sha256', [ALGORITHMS.rsaSha512]: 'sha512' };

/** Verifies an HTTP-Redirect query signature with the sender's certificate; SHA-1 and unknown algorithms refused. */
export function verifyQuerySignature(signature: { sigAlg: string; signature: Buffer; signedOctets: string }, certificatePem: string): void {
  const hash = HASH_OF[signature.sigAlg];
  if (!hash) throw new XmlRefusal('signature', 'The signature algorithm is not accepted (use RSA-SHA256).');
  let valid = false;
  try {
    valid = verify(hash, Buffer.from(signature.signedOctets, 'utf8'), certificatePem, signature.signature);
  } catch {
    valid = false;
  }
  if (!valid) throw new XmlRefusal('signature', 'The signature does not verify with the certificate registered for the sender.');
}

/**
 * An HTTP-Redirect URL carrying a message: DEFLATE, base64, URL-encoded, then signed over
 * `kind=…&RelayState=…&SigAlg=…` with RSA-SHA256.
 */
export function redirectUrl(location: string, kind: 'SAMLRequest' | 'SAMLResponse', xml: string, relayState: string | undefined, key: XmlSigningKey): string {
  const parts = [`${kind}=${encodeURIComponent(deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64'))}`];
  if (relayState !== undefined) parts.push(`RelayState=${encodeURIComponent(relayState)}`);
  parts.push(`SigAlg=${encodeURIComponent(ALGORITHMS.rsaSha256)}`);
  const signed = parts.join('&');
  const signature = sign('sha256', Buffer.from(signed, 'utf8'), key.privateKey).toString('base64');
  return `${location}${location.includes('?') ? '&' : '?'}${signed}&Signature=${encodeURIComponent(signature)}`;
}
