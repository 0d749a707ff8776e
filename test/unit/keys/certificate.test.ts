import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadOrCreateKeys } from '../../../src/keys/index.js';
import type { KeySet } from '../../../src/keys/index.js';
import { makeKeysDir } from './temp-keys-dir.js';

const run = promisify(execFile);

describe('the generated token-signing certificate', function () {
  let dir: string;
  let cleanup: () => Promise<void>;
  let keys: KeySet;
  let certificate: X509Certificate;

  before(async function () {
    ({ dir, cleanup } = await makeKeysDir());
    keys = await loadOrCreateKeys({ dir, organizationName: 'Contoso, Ltd.' });
    certificate = new X509Certificate(keys.signing.certificatePem);
  });
  after(async function () {
    await cleanup();
  });

  it('parses with node and is the DER the KeySet reports', function () {
    assert.equal(certificate.raw.toString('base64'), keys.signing.certificateDer);
    assert.equal(new X509Certificate(Buffer.from(keys.signing.certificateDer, 'base64')).fingerprint256, certificate.fingerprint256);
  });

  it('is self-signed: its issuer is its subject and its own key verifies its signature', function () {
    assert.equal(certificate.issuer, certificate.subject);
    assert.ok(certificate.verify(certificate.publicKey));
  });

  it('belongs to the private key', function () {
    assert.ok(certificate.checkPrivateKey(keys.signing.privateKey));
    assert.equal(certificate.publicKey.export({ format: 'jwk' }).n, keys.signing.publicKey.export({ format: 'jwk' }).n);
  });

  it('names the organization in its subject', function () {
    assert.match(certificate.subject, /^CN=Contoso\\?, Ltd\. Token Signing$/);
  });

  it('is valid for three years and reports its end as notAfter', function () {
    assert.equal(new Date(certificate.validTo).getTime(), keys.signing.notAfter.getTime());
    const years = (keys.signing.notAfter.getTime() - keys.signing.notBefore.getTime()) / (365.25 * 24 * 3600 * 1000);
    assert.ok(years > 2.99 && years < 3.01, `validity of ${years} years`);
  });

  it('reads with openssl: subject, SHA-256 with RSA, 2048 bits, digitalSignature, not a CA', async function () {
    const file = join(dir, 'signing.pem');
    const { stdout: subject } = await run('openssl', ['x509', '-in', file, '-noout', '-subject']);
    assert.equal(subject.trim(), 'subject=CN = "Contoso, Ltd. Token Signing"');
    const { stdout: text } = await run('openssl', ['x509', '-in', file, '-noout', '-text']);
    assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /X509v3 Key Usage: critical\s+Digital Signature/);
    assert.match(text, /CA:FALSE/);
    assert.match(text, /X509v3 Subject Key Identifier/);
  });

  it('verifies against itself as a trust anchor with openssl, as a SAML SP trusting it would', async function () {
    const file = join(dir, 'signing.pem');
    const { stdout } = await run('openssl', ['verify', '-CAfile', file, file]);
    assert.equal(stdout.trim(), `${file}: OK`);
  });
});
