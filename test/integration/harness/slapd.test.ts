import assert from 'node:assert/strict';
import { fixtureUsers, serviceAccount, usersLdif } from '../../fixtures/ldap/users.js';
import { ldapBind } from '../../helpers/ldap-bind.js';
import { ldapModify } from '../../helpers/ldap-modify.js';
import { ldapSearch } from '../../helpers/ldap-search.js';
import { startSlapd } from '../../helpers/slapd.js';
import type { Slapd } from '../../helpers/slapd.js';

const sorted = (values: string[] | undefined): string[] => [...(values ?? [])].map((v) => v.toLowerCase()).sort();

describe('the slapd harness with the users fixture', () => {
  let slapd: Slapd;

  before(async () => {
    slapd = await startSlapd({ ldif: [usersLdif] });
  });

  after(async () => {
    await slapd?.stop();
  });

  const findUser = async (uid: string, attributes: string[] = []) => {
    const entries = await ldapSearch(slapd.url, { base: slapd.suffix, filter: `(uid=${uid})`, attributes });
    assert.equal(entries.length, 1, `one entry for uid=${uid}`);
    return entries[0]!;
  };

  it('answers a search for a fixture user with her attributes', async () => {
    const alice = await findUser('alice', ['cn', 'mail', 'givenName', 'sn']);
    assert.equal(alice.dn, fixtureUsers.alice.dn);
    assert.deepEqual(alice.attributes.mail, ['alice@example.org']);
    assert.deepEqual(alice.attributes.cn, ['Alice Liddell']);
  });

  it('gives each user memberOf for her direct groups only, as the memberof overlay does', async () => {
    for (const user of Object.values(fixtureUsers)) {
      const entry = await findUser(user.uid, ['memberOf']);
      assert.deepEqual(sorted(entry.attributes.memberOf), sorted(user.memberOf), user.uid);
    }
  });

  it('finds the members of a group, a nested group among them, with a memberOf filter', async () => {
    const staff = 'cn=staff,ou=groups,dc=example,dc=org';
    const members = await ldapSearch(slapd.url, { base: slapd.suffix, filter: `(memberOf=${staff})`, attributes: ['1.1'] });
    assert.deepEqual(sorted(members.map((entry) => entry.dn)), sorted([
      fixtureUsers.alice.dn,
      fixtureUsers.bob.dn,
      fixtureUsers.dave.dn,
      'cn=contractors,ou=groups,dc=example,dc=org',
    ]));
  });

  it("accepts a user's password and refuses a wrong one with 49", async () => {
    assert.equal((await ldapBind(slapd.url, fixtureUsers.bob.dn, fixtureUsers.bob.password)).ok, true);
    const wrong = await ldapBind(slapd.url, fixtureUsers.bob.dn, 'not-bobs-password');
    assert.equal(wrong.code, 49);
  });

  it('refuses the disabled user with 49 and says the account is locked', async () => {
    const dave = await ldapBind(slapd.url, fixtureUsers.dave.dn, fixtureUsers.dave.password);
    assert.equal(dave.code, 49);
    assert.match(dave.message, /Account locked/);
  });

  it('lets the service account search without seeing password hashes, which the rootdn sees', async () => {
    const asService = { bindDN: serviceAccount.dn, password: serviceAccount.password };
    const [alice] = await ldapSearch(slapd.url, { base: fixtureUsers.alice.dn, scope: 'base', ...asService, attributes: ['uid', 'userPassword'] });
    assert.deepEqual(alice?.attributes.uid, ['alice']);
    assert.equal(alice?.attributes.userPassword, undefined);
    const asAdmin = { bindDN: slapd.adminDN, password: slapd.adminPassword };
    const [adminView] = await ldapSearch(slapd.url, { base: fixtureUsers.alice.dn, scope: 'base', ...asAdmin, attributes: ['userPassword'] });
    assert.match(adminView?.attributes.userPassword?.[0] ?? '', /^\{SSHA\}/);
  });

  it('has the memberof overlay keep memberOf as groups change while it runs', async () => {
    const admins = 'cn=admins,ou=groups,dc=example,dc=org';
    const change = (op: 'add' | 'delete'): string =>
      `dn: ${admins}\nchangetype: modify\n${op}: member\nmember: ${fixtureUsers.bob.dn}\n`;
    await ldapModify(slapd.url, slapd.adminDN, slapd.adminPassword, change('add'));
    assert.deepEqual(sorted((await findUser('bob', ['memberOf'])).attributes.memberOf), sorted([admins, ...fixtureUsers.bob.memberOf]));
    await ldapModify(slapd.url, slapd.adminDN, slapd.adminPassword, change('delete'));
    assert.deepEqual(sorted((await findUser('bob', ['memberOf'])).attributes.memberOf), sorted(fixtureUsers.bob.memberOf));
  });

  it('keeps its data across a restart on the same port', async () => {
    const port = slapd.port;
    await slapd.restart();
    assert.equal(slapd.port, port);
    assert.equal((await findUser('carol')).dn, fixtureUsers.carol.dn);
  });
});

describe('the slapd harness without a fixture', () => {
  it('makes the suffix entry of an empty directory', async () => {
    const slapd = await startSlapd({ suffix: 'dc=empty,dc=test' });
    try {
      const entries = await ldapSearch(slapd.url, { base: 'dc=empty,dc=test', scope: 'base' });
      assert.deepEqual(entries[0]?.attributes.dc, ['empty']);
    } finally {
      await slapd.stop();
    }
  });

  it('locks an account after the failures its password policy allows', async () => {
    const slapd = await startSlapd({ ldif: [usersLdif], passwordPolicy: { maxFailures: 3 } });
    try {
      const { dn, password } = fixtureUsers.bob;
      for (let i = 0; i < 3; i++) assert.equal((await ldapBind(slapd.url, dn, 'wrong')).code, 49);
      const locked = await ldapBind(slapd.url, dn, password);
      assert.equal(locked.code, 49);
      assert.match(locked.message, /Account locked/);
    } finally {
      await slapd.stop();
    }
  });
});
