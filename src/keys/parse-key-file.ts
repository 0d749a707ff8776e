import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { KeyFileError } from './key-file-error.js';
import type { SigningKey } from './types.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?-----END \1-----/g;
const PRIVATE_KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY']);
const MIN_MODULUS_LENGTH = 2048;
const EXPECTED = 'expected a PEM "PRIVATE KEY" block followed by its "CERTIFICATE" (and any chain)';

function readPrivateKey(file: string, pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new KeyFileError(file, `the private key cannot be read (${(error as Error).message})`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new KeyFileError(file, `the private key is ${key.asymmetricKeyType ?? 'not asymmetric'}; token signing (RS256) needs an RSA key`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_LENGTH) throw new KeyFileError(file, `the RSA key has ${bits} bits; at least ${MIN_MODULUS_LENGTH} are needed`);
  return key;
}

function readCertificate(file: string, pem: string, index: number): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new KeyFileError(file, `certificate ${index + 1} cannot be read (${(error as Error).message})`, { cause: error });
  }
}

/** Reads the text of a `<role>.pem` file into a SigningKey; anything unusable is a KeyFileError naming the file. */
export async function parseKeyFile(file: string, text: string): Promise<SigningKey> {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((match) => ({ label: match[1], pem: match[0] }));
  if (blocks.some((block) => block.label === 'ENCRYPTED PRIVATE KEY') || text.includes('Proc-Type: 4,ENCRYPTED')) {
    // Every node must read it unattended at start; the file mode (0600) is what protects it.
    throw new KeyFileError(file, 'the private key is encrypted; store it unencrypted (openssl pkey -in IN -out OUT) in a 0600 file');
  }
  const keys = blocks.filter((block) => block.label !== undefined && PRIVATE_KEY_LABELS.has(block.label));
  const certificates = blocks.filter((block) => block.label === 'CERTIFICATE');
  const [keyBlock] = keys;
  if (keyBlock === undefined) throw new KeyFileError(file, `holds no private key; ${EXPECTED}`);
  if (keys.length > 1) throw new KeyFileError(file, `holds ${keys.length} private keys; ${EXPECTED}`);
  if (certificates.length === 0) throw new KeyFileError(file, `holds no certificate; ${EXPECTED}`);

  const privateKey = readPrivateKey(file, keyBlock.pem);
  const chain = certificates.map((block, index) => readCertificate(file, block.pem, index));
  const leaf = chain[0] as X509Certificate;
  if (!leaf.checkPrivateKey(privateKey)) {
    throw new KeyFileError(file, `the certificate (${leaf.subject.replace(/\n/g, ', ')}) does not belong to the private key`);
  }
  const publicKey = createPublicKey(privateKey);
  const { n, e } = publicKey.export({ format: 'jwk' });
  return {
    kid: await calculateJwkThumbprint({ kty: 'RSA', n, e }),
    alg: 'RS256',
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: leaf.toString(),
    certificateDer: leaf.raw.toString('base64'),
    certificateChain: chain.map((certificate) => certificate.raw.toString('base64')),
    notBefore: new Date(leaf.validFrom),
    notAfter: new Date(leaf.validTo),
    file,
  };
}
