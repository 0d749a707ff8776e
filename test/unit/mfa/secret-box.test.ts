import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSecretBox, scopedSecretBox } from '../../../src/crypto/secret-box.js';
import { deriveKey } from '../../../src/secrets/secret-key.js';

describe('the secret box (AES-256-GCM)', () => {
  const box = createSecretBox(deriveKey(randomBytes(32), 'mfa-secrets'));

  it('opens what it sealed, and seals the same text differently every time', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    assert.notEqual(a, b);
    assert.doesNotMatch(a, /JBSWY3DPEHPK3PXP/);
    assert.equal(box.open(a, 'user-1'), 'JBSWY3DPEHPK3PXP');
  });

  it('refuses a value sealed for another context, under another key, or changed in any byte', () => {
    const sealed = box.seal('secret', 'user-1');
    assert.throws(() => box.open(sealed, 'user-2'));
    assert.throws(() => createSecretBox(randomBytes(32)).open(sealed, 'user-1'));
    const [version, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    assert.throws(() => box.open([version, iv, flipped.toString('base64url'), tag].join('.'), 'user-1'));
    assert.throws(() => box.open([version, iv, body, Buffer.from(tag!, 'base64url').subarray(0, 8).toString('base64url')].join('.'), 'user-1'), 'a truncated tag');
    assert.throws(() => box.open('not sealed', 'user-1'));
  });

  it('keeps one adapter from opening another adapter’s secrets', () => {
    const sealed = scopedSecretBox(box, 'totp').seal('secret', 'user-1');
    assert.equal(scopedSecretBox(box, 'totp').open(sealed, 'user-1'), 'secret');
    assert.throws(() => scopedSecretBox(box, 'email').open(sealed, 'user-1'));
  });

  it('needs a 32-byte key', () => {
    assert.throws(() => createSecretBox(randomBytes(16)), /32-byte/);
  });
});
