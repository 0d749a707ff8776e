import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KeyFileError, loadOrCreateKeys } from '../../../src/keys/index.js';
import { makeKeysDir } from './temp-keys-dir.js';

const run = promisify(execFile);

describe('key files loadOrCreateKeys cannot use', function () {
  let dir: string;
  let cleanup: () => Promise<void>;
  let signingFile: string;
  // A valid signing.pem, made once, to take apart.
  let validPem: string;

  before(async function () {
    const made = await makeKeysDir();
    await loadOrCreateKeys({ dir: made.dir, organizationName: 'Contoso' });
    validPem = await readFile(join(made.dir, 'signing.pem'), 'utf8');
    await made.cleanup();
  });
  beforeEach(async function () {
    ({ dir, cleanup } = await makeKeysDir());
    await mkdir(dir, { mode: 0o700 });
    signingFile = join(dir, 'signing.pem');
  });
  afterEach(async function () {
    await cleanup();
  });


  const split = (): { key: string; certificate: string } => {
    const at = validPem.indexOf('-----BEGIN CERTIFICATE-----');
    return { key: validPem.slice(0, at), certificate: validPem.slice(at) };
  };

  async function rejection(file: string, reason: RegExp): Promise<void> {
    await assert.rejects(loadOrCreateKeys({ dir, organizationName: 'Contoso' }), (error: unknown) => {
      assert.ok(error instanceof KeyFileError, `not a KeyFileError: ${String(error)}`);
      assert.equal(error.file, file);
      assert.ok(error.message.startsWith(`${file}: `), error.message);
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, reason);
      return true;
    });
  }

  it('names a file that is not PEM at all', async function () {
    await writeFile(signingFile, 'this is not a key\n');
    await rejection(signingFile, /holds no private key/);
  });

  it('names a file whose private key is damaged', async function () {
    const { key, certificate } = split();
    await writeFile(signingFile, key.replace(/^(-----BEGIN PRIVATE KEY-----\n)(.{20})/, '$1AAAAAAAAAAAAAAAAAAAA') + certificate);
    await rejection(signingFile, /the private key cannot be read/);
  });

  it('names a file whose certificate is damaged', async function () {
    const { key } = split();
    await writeFile(signingFile, `${key}-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n`);
    await rejection(signingFile, /certificate 1 cannot be read/);
  });

  it('names a file with no certificate', async function () {
    await writeFile(signingFile, split().key);
    await rejection(signingFile, /holds no certificate/);
  });

  it('names a file whose certificate belongs to another key', async function () {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    await writeFile(signingFile, `${other}${split().certificate}`);
    await rejection(signingFile, /does not belong to the private key/);
  });

  it('names a file whose private key is encrypted', async function () {
    const encrypted = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'secret',
    });
    await writeFile(signingFile, `${encrypted}${split().certificate}`);
    await rejection(signingFile, /encrypted/);
  });

  it('names a file holding a key that is not RSA, or too short', async function () {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    await writeFile(signingFile, `${ec}${split().certificate}`);
    await rejection(signingFile, /needs an RSA key/);
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    await writeFile(signingFile, `${short}${split().certificate}`);
    await rejection(signingFile, /1024 bits; at least 2048/);
  });

  it('names a damaged next.pem even though signing.pem is fine', async function () {
    await writeFile(signingFile, validPem, { mode: 0o600 });
    await writeFile(join(dir, 'next.pem'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    await rejection(join(dir, 'next.pem'), /holds no certificate/);
  });

  it('does not generate a new signing key when signing.pem is missing but other key files exist', async function () {
    await writeFile(join(dir, 'previous.pem'), validPem, { mode: 0o600 });
    await rejection(signingFile, /is missing while other key files exist/);
    assert.deepEqual(await readdir(dir), ['previous.pem']);
  });

  it('accepts a key and certificate made with openssl, in either order and as PKCS#1', async function () {
    const keyFile = join(dir, 'made.key');
    const certificateFile = join(dir, 'made.crt');
    await run('openssl', ['genrsa', '-traditional', '-out', keyFile, '2048']);
    await run('openssl', ['req', '-x509', '-key', keyFile, '-out', certificateFile, '-days', '30', '-subj', '/CN=Bring Your Own']);
    const key = await readFile(keyFile, 'utf8');
    const certificate = await readFile(certificateFile, 'utf8');
    assert.match(key, /BEGIN RSA PRIVATE KEY/);
    for (const content of [key + certificate, certificate + key]) {
      await writeFile(signingFile, content, { mode: 0o600 });
      const keys = await loadOrCreateKeys({ dir, organizationName: 'Contoso' });
      assert.equal(keys.signing.certificatePem, certificate);
    }
  });
});
