import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.js';
import { systemBinary } from './system-binary.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

/** The ID attributes xmlsec1 must know to resolve `#id` references in SAML and metadata documents. */
const ID_ATTRIBUTES = [
  '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:protocol:Response',
  '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion',
  '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor',
  '--id-attr:AssertionID', 'urn:oasis:names:tc:SAML:1.0:assertion:Assertion',
];

/**
 * Verifies one XML signature with xmlsec1 (Debian package xmlsec1), a verifier nobody here wrote. The certificate
 * is the only trusted one, so a signature by any other key (whatever its KeyInfo says) fails. `signatureXpath`
 * picks the ds:Signature to check (default: the first in the document).
 */
export async function xmlsecVerify(xml: string, certificatePem: string, signatureXpath?: string): Promise<{ ok: boolean; output: string }> {
  const dir = await makeTempDir('gatehouse-xmlsec-');
  try {
    await writeFile(join(dir, 'doc.xml'), xml);
    await writeFile(join(dir, 'cert.pem'), certificatePem);
    const args = ['--verify', '--trusted-pem', join(dir, 'cert.pem'), '--enabled-reference-uris', 'same-doc', ...ID_ATTRIBUTES];
    if (signatureXpath) args.push('--node-xpath', signatureXpath);
    args.push(join(dir, 'doc.xml'));
    const result = await runCommand(systemBinary('xmlsec1', 'xmlsec1'), args, { timeoutMs: 30_000 });
    return { ok: result.code === 0, output: `${result.stdout}${result.stderr}`.trim() };
  } finally {
    await removeTempDir(dir);
  }
}

/** XPath of the signature that is a direct child of the (first) element with this local name. */
export const signatureOf = (localName: string) => `(//*[local-name()='${localName}'])[1]/*[local-name()='Signature']`;

/** Decrypts the first EncryptedData of a document with xmlsec1 and a private key (PEM); returns the whole document. */
export async function xmlsecDecrypt(xml: string, privateKeyPem: string): Promise<{ ok: boolean; output: string }> {
  const dir = await makeTempDir('gatehouse-xmlsec-');
  try {
    await writeFile(join(dir, 'doc.xml'), xml);
    await writeFile(join(dir, 'key.pem'), privateKeyPem);
    const result = await runCommand(systemBinary('xmlsec1', 'xmlsec1'), ['--decrypt', '--privkey-pem', join(dir, 'key.pem'), join(dir, 'doc.xml')], { timeoutMs: 30_000 });
    return { ok: result.code === 0, output: result.code === 0 ? result.stdout : `${result.stdout}${result.stderr}` };
  } finally {
    await removeTempDir(dir);
  }
}
