import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadOrCreateKeys } from '../../../src/keys/index.js';
import { makeKeysDir } from './temp-keys-dir.js';

describe('loadOrCreateKeys', function () {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async function () {
    ({ dir, cleanup } = await makeKeysDir());
  });
  afterEach(async function () {
    await cleanup();
  });

  it('generates signing.pem on the first call and reuses it on the next', async function () {
    const first = await loadOrCreateKeys({ dir, organizationName: 'Contoso' });
    const pem = await readFile(join(dir, 'signing.pem'), 'utf8');
    const second = await loadOrCreateKeys({ dir, organizationName: 'Contoso' });
    assert.equal(second.signing.kid, first.signing.kid);
    assert.equal(second.signing.certificatePem, first.signing.certificatePem);
    assert.equal(second.signing.privateKeyPem, first.signing.privateKeyPem);
    assert.equal(await readFile(join(dir, 'signing.pem'), 'utf8'), pem);
  });

  it('leaves no temp file behind', async function () {
    await loadOrCreateKeys({ dir, organizationName: 'Contoso' });
    assert.deepEqual(await readdir(dir), ['signing.pem']);
  });

  it('writes the key file 0600 in a 0700 dir', async function () {
    await loadOrCreateKeys({ dir, organizationName: 'Contoso' });
    assert.equal((await stat(join(dir, 'signing.pem'))).mode & 0o777, 0o600);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
  });

  it('closes a keys dir that already exists, as ./certs does with its README, to 0700', async function () {
    await mkdir(dir, { mode: 0o755 });
    await writeFile(join(dir, 'README.md'), 'kept\n');
    await loadOrCreateKeys({ dir, organizationName: 'Contoso' });
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.deepEqual((await readdir(dir)).sort(), ['README.md', 'signing.pem']);
  });

  it('describes an RS256 key whose kid is the RFC 7638 thumbprint and whose PEMs are the file', async function () {
    const { signing } = await loadOrCreateKeys({ dir, organizationName: 'Contoso' });
    const file = await readFile(join(dir, 'signing.pem'), 'utf8');
    assert.equal(signing.alg, 'RS256');
    assert.match(signing.kid, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(file.startsWith(signing.privateKeyPem));
    assert.ok(file.endsWith(signing.certificatePem));
    assert.equal(signing.privateKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(signing.publicKey.type, 'public');
    assert.equal(signing.file, join(dir, 'signing.pem'));
    assert.deepEqual(signing.certificateChain, [signing.certificateDer]);
  });

  it('sets the validity from the clock: from five minutes before now for three years', async function () {
    const now = Date.parse('2030-02-03T04:05:06.789Z');
    const { signing } = await loadOrCreateKeys({ dir, organizationName: 'Contoso', clock: { now: () => now } });
    assert.equal(signing.notBefore.toISOString(), '2030-02-03T04:00:06.000Z');
    assert.equal(signing.notAfter.toISOString(), '2033-02-03T04:05:06.000Z');
  });

  it('ends with one key when two calls race on a new dir', async function () {
    const [a, b] = await Promise.all([
      loadOrCreateKeys({ dir, organizationName: 'Contoso' }),
      loadOrCreateKeys({ dir, organizationName: 'Contoso' }),
    ]);
    assert.equal(a.signing.kid, b.signing.kid);
    assert.equal(a.signing.certificateDer, b.signing.certificateDer);
    assert.deepEqual(await readdir(dir), ['signing.pem']);
  });

  it('creates the keys dir and its parents when they do not exist', async function () {
    const nested = join(dir, 'a', 'b');
    const keys = await loadOrCreateKeys({ dir: nested, organizationName: 'Contoso' });
    assert.equal(keys.signing.file, join(nested, 'signing.pem'));
  });
});
