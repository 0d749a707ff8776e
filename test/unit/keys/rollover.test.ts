import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT } from 'jose';
import { activateNextKey, KeyFileError, loadOrCreateKeys, rolloverKeys } from '../../../src/keys/index.js';
import type { KeySet, SigningKey } from '../../../src/keys/index.js';
import { makeKeysDir } from './temp-keys-dir.js';

const organizationName = 'Contoso';

async function signWith(key: SigningKey): Promise<string> {
  const jwk = { kty: 'RSA', ...key.privateKey.export({ format: 'jwk' }) };
  return new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(await importJWK(jwk, 'RS256'));
}

const kids = (keys: KeySet): string[] => keys.jwks().keys.map((jwk) => jwk.kid);
const privateKids = (keys: KeySet): string[] => keys.privateJwks().keys.map((jwk) => jwk.kid);

describe('certificate rollover', function () {
  let dir: string;
  let cleanup: () => Promise<void>;
  let initial: KeySet;

  beforeEach(async function () {
    ({ dir, cleanup } = await makeKeysDir());
    initial = await loadOrCreateKeys({ dir, organizationName });
  });
  afterEach(async function () {
    await cleanup();
  });

  it('rolloverKeys publishes a next key beside the signing key, which keeps signing', async function () {
    const keys = await rolloverKeys({ dir, organizationName });
    assert.ok(keys.next);
    assert.notEqual(keys.next.kid, initial.signing.kid);
    assert.equal(keys.signing.kid, initial.signing.kid);
    assert.deepEqual(kids(keys), [initial.signing.kid, keys.next.kid]);
    assert.deepEqual(privateKids(keys), kids(keys));
    assert.equal((await stat(join(dir, 'next.pem'))).mode & 0o777, 0o600);
    const reloaded = await loadOrCreateKeys({ dir, organizationName });
    assert.deepEqual(kids(reloaded), kids(keys));
  });

  it('rolloverKeys gives the next certificate the subject and clock it is given', async function () {
    const now = Date.parse('2031-06-01T12:00:00Z');
    const { next } = await rolloverKeys({ dir, organizationName: 'Fabrikam', clock: { now: () => now } });
    assert.ok(next);
    assert.match(next.certificatePem, /BEGIN CERTIFICATE/);
    assert.equal(next.notAfter.toISOString(), '2034-06-01T12:00:00.000Z');
    assert.equal(new X509Certificate(next.certificatePem).subject, 'CN=Fabrikam Token Signing');
  });

  it('rolloverKeys run twice keeps the next key it made first', async function () {
    const first = await rolloverKeys({ dir, organizationName });
    const second = await rolloverKeys({ dir, organizationName });
    assert.equal(second.next?.kid, first.next?.kid);
  });

  it('activateNextKey makes next the signer and keeps the old signer published as previous', async function () {
    const rolled = await rolloverKeys({ dir, organizationName });
    const oldToken = await signWith(initial.signing);
    const keys = await activateNextKey({ dir });
    assert.equal(keys.signing.kid, rolled.next?.kid);
    assert.equal(keys.previous?.kid, initial.signing.kid);
    assert.equal(keys.next, undefined);
    assert.deepEqual(kids(keys), [keys.signing.kid, initial.signing.kid]);
    assert.equal(privateKids(keys)[0], keys.signing.kid, 'oidc-provider signs with the first key');
    assert.deepEqual((await readdir(dir)).filter((name) => !name.startsWith('.')).sort(), ['previous.pem', 'signing.pem']);
    assert.equal((await stat(join(dir, 'previous.pem'))).mode & 0o777, 0o600);
    // A token the old key signed still verifies; one the new signer signs does too.
    const jwks = createLocalJWKSet(keys.jwks());
    assert.equal((await jwtVerify(oldToken, jwks)).protectedHeader.kid, initial.signing.kid);
    assert.equal((await jwtVerify(await signWith(keys.signing), jwks)).protectedHeader.kid, keys.signing.kid);
    // Every node that loads the dir now sees the same.
    const reloaded = await loadOrCreateKeys({ dir, organizationName });
    assert.equal(reloaded.signing.kid, keys.signing.kid);
    assert.deepEqual(kids(reloaded), kids(keys));
  });

  it('a second activation replaces previous with the signer it retires', async function () {
    await rolloverKeys({ dir, organizationName });
    const afterFirst = await activateNextKey({ dir });
    await rolloverKeys({ dir, organizationName });
    const afterSecond = await activateNextKey({ dir });
    assert.equal(afterSecond.previous?.kid, afterFirst.signing.kid);
    assert.equal(kids(afterSecond).includes(initial.signing.kid), false);
  });

  it('activateNextKey without a next key fails naming next.pem and changes nothing', async function () {
    const before = await readFile(join(dir, 'signing.pem'), 'utf8');
    await assert.rejects(activateNextKey({ dir }), (error: unknown) => {
      assert.ok(error instanceof KeyFileError);
      assert.equal(error.file, join(dir, 'next.pem'));
      assert.match(error.message, /does not exist; run `gatehouse certs rollover` first/);
      return true;
    });
    assert.equal(await readFile(join(dir, 'signing.pem'), 'utf8'), before);
  });

  it('activateNextKey refuses a damaged next.pem rather than make it the signer', async function () {
    await writeFile(join(dir, 'next.pem'), 'garbage', { mode: 0o600 });
    await assert.rejects(activateNextKey({ dir }), (error: unknown) => error instanceof KeyFileError && error.file === join(dir, 'next.pem'));
    assert.equal((await readFile(join(dir, 'signing.pem'), 'utf8')).includes('PRIVATE KEY'), true);
  });

  it('two activations at once retire the old signer once: one succeeds, the other finds no next key', async function () {
    const rolled = await rolloverKeys({ dir, organizationName });
    const results = await Promise.allSettled([activateNextKey({ dir }), activateNextKey({ dir })]);
    assert.deepEqual(results.map((result) => result.status).sort(), ['fulfilled', 'rejected']);
    const keys = await loadOrCreateKeys({ dir, organizationName });
    assert.equal(keys.signing.kid, rolled.next?.kid);
    assert.equal(keys.previous?.kid, initial.signing.kid);
  });

  it('an activation interrupted after saving previous loads cleanly and completes when run again', async function () {
    const rolled = await rolloverKeys({ dir, organizationName });
    // The state a crash between the two steps leaves: previous.pem is a copy of signing.pem, next.pem still there.
    await copyFile(join(dir, 'signing.pem'), join(dir, 'previous.pem'));
    const halfway = await loadOrCreateKeys({ dir, organizationName });
    assert.deepEqual(kids(halfway), [initial.signing.kid, rolled.next?.kid]);
    assert.equal(halfway.previous, undefined);
    const keys = await activateNextKey({ dir });
    assert.equal(keys.signing.kid, rolled.next?.kid);
    assert.equal(keys.previous?.kid, initial.signing.kid);
  });

  it('rolloverKeys and activateNextKey on a dir without a signing key fail naming signing.pem', async function () {
    const empty = join(dir, 'nothing-here');
    for (const attempt of [() => rolloverKeys({ dir: empty, organizationName }), () => activateNextKey({ dir: empty })]) {
      await assert.rejects(attempt(), (error: unknown) => error instanceof KeyFileError && error.file === join(empty, 'signing.pem'));
    }
  });
});
