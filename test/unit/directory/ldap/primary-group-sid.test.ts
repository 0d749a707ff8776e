import assert from 'node:assert/strict';
import { primaryGroupSid, sidToString } from '../../../../src/directory/ldap/group-resolver.js';

/** A user's objectSid as Samba AD returned it in the tests: S-1-5-21-2405259492-535593680-2028370714-1104. */
const USER_SID = Buffer.from('AQUAAAAAAAUVAAAA5Fhdj9CC7B8ae+Z4UAQAAA==', 'base64');

describe('the primary group of an AD user', () => {
  it('writes a binary SID in its S-1-… string form', () => {
    assert.equal(sidToString(USER_SID), 'S-1-5-21-2405259492-535593680-2028370714-1104');
  });

  it('takes the domain part of the user SID and the primaryGroupID as the last sub-authority', () => {
    assert.equal(sidToString(primaryGroupSid(USER_SID, '513')!), 'S-1-5-21-2405259492-535593680-2028370714-513');
    assert.equal(sidToString(USER_SID), 'S-1-5-21-2405259492-535593680-2028370714-1104', 'the user SID is left as it was');
  });

  it('finds none without both values, or from values that are not a SID and a RID', () => {
    assert.equal(primaryGroupSid(undefined, '513'), undefined);
    assert.equal(primaryGroupSid(USER_SID, undefined), undefined);
    assert.equal(primaryGroupSid(USER_SID, '-1'), undefined);
    assert.equal(primaryGroupSid(USER_SID, '5000000000'), undefined);
    assert.equal(primaryGroupSid(USER_SID.subarray(0, 20), '513'), undefined, 'shorter than its sub-authority count says');
    assert.equal(primaryGroupSid(Buffer.from('not a sid'), '513'), undefined);
  });
});
