import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { adBindFailure, adDataCode, AD_BIND_CODES } from '../../../../src/directory/ldap/index.js';

interface RecordedAnswer {
  what: string;
  from: string;
  diagnosticMessage: string;
  expected: string;
}

const recorded = JSON.parse(readFileSync(new URL('../../../fixtures/ldap/ad-bind-answers.json', import.meta.url), 'utf8')) as { answers: RecordedAnswer[] };

describe("Active Directory's bind answers", () => {
  for (const answer of recorded.answers) {
    it(`maps "${answer.what}" (${answer.from.split(' (')[0]}) to ${answer.expected}`, () => {
      assert.equal(adBindFailure(answer.diagnosticMessage), answer.expected);
    });
  }

  it('answers a wrong password and an unknown user alike', () => {
    assert.equal(AD_BIND_CODES['52e'], AD_BIND_CODES['525']);
  });

  it('reads the data code whatever its case and wherever the message puts it', () => {
    assert.equal(adDataCode('80090308: LdapErr: DSID-0C090447, comment: AcceptSecurityContext error, data 52E, v3839'), '52e');
    assert.equal(adDataCode('comment: AcceptSecurityContext error, data 775, v1db1 Code: 0x31'), '775');
  });

  it('gives no reason for an answer without an AD code, such as OpenLDAP\'s', () => {
    assert.equal(adBindFailure('Invalid credentials'), undefined);
    assert.equal(adBindFailure(''), undefined);
    assert.equal(adBindFailure('80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 999, v4563'), undefined);
  });
});
