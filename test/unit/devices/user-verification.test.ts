import assert from 'node:assert/strict';
import { amrForVerification, isVerified } from '../../../src/devices/index.js';

describe('how the person unlocked the app, in amr', () => {
  it('says pin, fpt and face when the app names them, user for a biometric of unnamed kind, nothing without', () => {
    assert.deepEqual(amrForVerification('pin'), ['pin']);
    assert.deepEqual(amrForVerification('fingerprint'), ['fpt']);
    assert.deepEqual(amrForVerification('face'), ['face']);
    assert.deepEqual(amrForVerification('biometric'), ['user']);
    assert.deepEqual(amrForVerification('none'), []);
  });

  it('counts every way but none as user verification', () => {
    assert.deepEqual((['pin', 'biometric', 'fingerprint', 'face', 'none'] as const).map(isVerified), [true, true, true, true, false]);
  });
});
