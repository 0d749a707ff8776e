import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { createCertificate } from './create-certificate.js';

// 2048 bits: what AD FS generates and what every SAML SP and OIDC RP accepts; NIST SP 800-57 rates it adequate
// through 2030, beyond this certificate's life. 3072 would make every signature (one per sign-in) about three times
// slower for no gain an RP can see, and rollover (or a brought-in key, any size >= 2048) makes a change easy later.
const MODULUS_LENGTH = 2048;
const VALIDITY_YEARS = 3;
// A relying party whose clock runs a little behind must not see a brand-new certificate as "not yet valid".
const BACKDATE_MS = 5 * 60 * 1000;

const generateRsaKeyPair = promisify(generateKeyPair);

export interface KeyFileRequest {
  organizationName: string;
  /** Milliseconds since the epoch. */
  now: number;
}

/** A new RSA key pair and its self-signed certificate, as the text of a `<role>.pem` file (key first). */
export async function generateKeyFile(request: KeyFileRequest): Promise<string> {
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: MODULUS_LENGTH, publicExponent: 0x10001 });
  // Whole seconds: certificate times carry no fractions, and notAfter must read back as it was written.
  const notBefore = new Date(Math.floor((request.now - BACKDATE_MS) / 1000) * 1000);
  const notAfter = new Date(Math.floor(request.now / 1000) * 1000);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const der = createCertificate({
    privateKey,
    publicKey,
    commonName: `${request.organizationName} Token Signing`,
    notBefore,
    notAfter,
  });
  const certificatePem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() + certificatePem;
}
