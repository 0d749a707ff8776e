import { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { ALGORITHMS, NS } from '../../../xml/index.js';

interface EncryptOptions {
  rsa_pub: string;
  pem: string;
  encryptionAlgorithm: string;
  keyEncryptionAlgorithm: string;
  disallowEncryptionWithInsecureAlgorithm: boolean;
  warnInsecureAlgorithm: boolean;
}
const xmlenc = createRequire(import.meta.url)('xml-encryption') as {
  encrypt(content: string, options: EncryptOptions, callback: (error: Error | null, result?: string) => void): void;
};

/**
 * Encrypts a (signed) assertion to the SP's encryption certificate: AES-256-GCM content, its key wrapped with
 * RSA-OAEP (MGF1-SHA1, the XML Encryption 1.0 identifier every SP stack reads), as saml:EncryptedAssertion.
 */
export async function encryptAssertion(assertionXml: string, certificatePem: string): Promise<string> {
  const publicKey = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const encrypted = await new Promise<string>((resolve, reject) =>
    xmlenc.encrypt(
      assertionXml,
      {
        rsa_pub: publicKey,
        pem: certificatePem,
        encryptionAlgorithm: ALGORITHMS.aes256Gcm,
        keyEncryptionAlgorithm: ALGORITHMS.rsaOaepMgf1p,
        disallowEncryptionWithInsecureAlgorithm: true,
        warnInsecureAlgorithm: false,
      },
      (error, result) => (error || !result ? reject(error ?? new Error('xml-encryption returned nothing')) : resolve(result)),
    ),
  );
  return `<saml:EncryptedAssertion xmlns:saml="${NS.saml}">${encrypted}</saml:EncryptedAssertion>`;
}
