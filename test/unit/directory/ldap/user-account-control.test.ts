import assert from 'node:assert/strict';
import { base64ToGuid, guidToBase64, guidToString, isDisabledByUac, uacFlags } from '../../../../src/directory/ldap/index.js';

describe('userAccountControl and objectGUID', () => {
  it('reads a normal account (512) as enabled and 514 as disabled', () => {
    assert.deepEqual(uacFlags('512'), ['NORMAL_ACCOUNT']);
    assert.equal(isDisabledByUac('512'), false);
    assert.equal(isDisabledByUac('514'), true);
    assert.deepEqual(uacFlags('66050'), ['ACCOUNTDISABLE', 'NORMAL_ACCOUNT', 'DONT_EXPIRE_PASSWORD']);
  });

  it('treats a missing or malformed value as no flags', () => {
    assert.deepEqual(uacFlags(undefined), []);
    assert.deepEqual(uacFlags('not a number'), []);
  });

  it('shows objectGUID in base64 (the immutableId) and reads it back', () => {
    // Carol's objectGUID as the Samba DC returned it (ldapsearch: objectGUID:: epi5N8aeOUi9oqGcEX5Dyg==).
    const bytes = Buffer.from('epi5N8aeOUi9oqGcEX5Dyg==', 'base64');
    assert.equal(guidToBase64(bytes), 'epi5N8aeOUi9oqGcEX5Dyg==');
    assert.deepEqual(base64ToGuid('epi5N8aeOUi9oqGcEX5Dyg=='), bytes);
    assert.equal(guidToString(bytes), '37b9987a-9ec6-4839-bda2-a19c117e43ca');
  });

  it('does not take an entryUUID or other text for a GUID', () => {
    assert.equal(base64ToGuid('081137ae-7a9f-1041-82ea-ebac85db0dde'), undefined);
    assert.equal(base64ToGuid('short=='), undefined);
  });
});
