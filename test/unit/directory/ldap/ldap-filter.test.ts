import assert from 'node:assert/strict';
import { FilterParser } from 'ldapts';
import { escapeFilterValue, ldapFilter } from '../../../../src/directory/ldap/index.js';
import { allOf, anyAttributeEquals, anyValueOf } from '../../../../src/directory/ldap/ldap-filter.js';

/** What a server sees: the filter parsed as ldapts sends it, values unescaped. */
const parsed = (filter: string) => FilterParser.parseString(filter);

describe('LDAP filter escaping (RFC 4515)', () => {
  it('escapes the five characters RFC 4515 requires', () => {
    assert.equal(escapeFilterValue('a*b(c)d\\e\u0000f'), 'a\\2ab\\28c\\29d\\5ce\\00f');
  });

  it('leaves ordinary logins, dots, @ and non-ASCII letters as they are', () => {
    assert.equal(escapeFilterValue('Åsa.Öberg@example.org'), 'Åsa.Öberg@example.org');
  });

  it('escapes every byte of a binary value such as an objectGUID', () => {
    assert.equal(escapeFilterValue(Buffer.from([0x00, 0x2a, 0xff])), '\\00\\2a\\ff');
  });

  it('keeps an injection attempt a single equality term with the literal value', () => {
    const filter = ldapFilter`(uid=${'*)(uid=*'})`;
    assert.equal(filter, '(uid=\\2a\\29\\28uid=\\2a)');
    const tree = parsed(filter) as unknown as { attribute: string; value: string; constructor: { name: string } };
    assert.equal(tree.constructor.name, 'EqualityFilter');
    assert.equal(tree.attribute, 'uid');
    assert.equal(tree.value, '*)(uid=*');
  });

  it('keeps a NUL byte and a backslash sequence typed by the user literal', () => {
    const tree = parsed(ldapFilter`(uid=${'\\00'})`) as unknown as { value: string };
    assert.equal(tree.value, '\\00');
  });

  it('builds "any login attribute equals" with the value escaped in every term', () => {
    assert.equal(anyAttributeEquals(['uid', 'mail'], 'a*'), '(|(uid=a\\2a)(mail=a\\2a))');
    assert.equal(anyAttributeEquals(['uid'], 'x'), '(uid=x)');
  });

  it('builds a filter that matches nothing for an empty list of values', () => {
    assert.equal(anyValueOf('memberOf', []), '(!(objectClass=*))');
    assert.equal(allOf('(a=1)', '(b=2)'), '(&(a=1)(b=2))');
  });
});
