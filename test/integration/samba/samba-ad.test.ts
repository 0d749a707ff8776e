import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { buildConfig, type ConfigInput } from '../../../src/config/index.js';
import type { LdapDirectory } from '../../../src/directory/index.js';
import { createUserSync } from '../../../src/directory/sync/index.js';
import { adBaseDN, adGroup, adServiceAccount, adUsers } from '../../fixtures/ldap/ad-users.js';
import { ldapModify } from '../../helpers/ldap-modify.js';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startSambaAd, type SambaAd } from '../../helpers/samba-ad.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

type LdapInput = Extract<NonNullable<ConfigInput['directory']>, { type: 'ldap' }>;

const errorOf = (body: string) => /<p id="password-error"[^>]*>([^<]*)<\/p>/.exec(body)?.[1];

describe('Active Directory (a real Samba AD domain controller)', () => {
  let dc: SambaAd;
  let gh: RunningGatehouse;
  const directoryConfig = (overrides: Partial<LdapInput> = {}): LdapInput => ({
    type: 'ldap',
    urls: [dc.url],
    bindDN: adServiceAccount.upn,
    bindPassword: adServiceAccount.password,
    baseDN: adBaseDN,
    loginAttributes: ['userPrincipalName', 'sAMAccountName', 'mail'],
    groups: 'ad',
    timeout: '10s',
    ...overrides,
  });
  const directory = () => gh.gatehouse.registry.directory;

  before(async function () {
    this.timeout(180_000); // provisioning a domain takes 15-30 s on a busy machine
    dc = await startSambaAd();
    gh = await startGatehouse({ directory: directoryConfig() });
  });
  after(async () => {
    await gh?.stop();
    await dc?.stop();
  });

  it('signs a user in by userPrincipalName with objectGUID (base64) as her id and nested groups through the matching rule', async () => {
    const config = await discoverClient(gh.url);
    const start = await startAuthorization(config);
    const response = await signInWithPassword(appBrowser(), start, adUsers.carol.upn, adUsers.carol.password);
    assert.ok(response.url.startsWith('http://127.0.0.1:9/callback?'), `ended at ${response.url}`);
    const tokens = await redeem(config, start, response.url);
    const { payload } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${gh.url}/oidc/jwks`)), { issuer: `${gh.url}/oidc`, audience: 'app' });
    assert.match(String(payload.sub), /^[A-Za-z0-9+/]{22}==$/, 'sub is the objectGUID in base64');
    const carol = await directory().getUser(String(payload.sub));
    assert.equal(carol?.login, adUsers.carol.upn);
    assert.equal(carol?.immutableId, payload.sub);
    assert.equal(carol?.attributes.objectGUID, payload.sub);
    assert.deepEqual(
      carol?.groups,
      ['contractors', 'Domain Users', 'staff', 'Users'],
      'staff only through contractors (LDAP_MATCHING_RULE_IN_CHAIN); Domain Users as her primary group, in no member list, and Builtin\\Users, which holds Domain Users',
    );
  });

  it('signs users in by sAMAccountName and by mail as well', async () => {
    for (const login of [adUsers.alice.sAMAccountName, adUsers.alice.mail, adUsers.alice.upn.toUpperCase()]) {
      const check = await directory().verifyPassword(login, adUsers.alice.password);
      assert.ok(check.ok, login);
      assert.equal(check.user.login, adUsers.alice.upn);
      assert.deepEqual(check.user.groups, ['admins', 'Domain Users', 'staff', 'Users']);
    }
  });

  it("maps the DC's refusals to their reasons: disabled, expired, must change, locked, logon hours", async () => {
    const expected: Array<[keyof typeof adUsers, string]> = [
      ['dave', 'disabled'],
      ['erin', 'accountExpired'],
      ['mike', 'mustChangePassword'],
      ['lena', 'locked'],
      ['hugo', 'logonRestricted'],
    ];
    for (const [name, reason] of expected) {
      assert.deepEqual(await directory().verifyPassword(adUsers[name].sAMAccountName, adUsers[name].password), { ok: false, reason }, name);
    }
  });

  it('tells the disabled user why on the sign-in page, and a wrong password, an unknown user and a disabled account with a wrong password alike', async () => {
    const config = await discoverClient(gh.url);
    const page = async (login: string, password: string) => errorOf((await signInWithPassword(appBrowser(), await startAuthorization(config), login, password)).body);
    assert.equal(await page('dave', adUsers.dave.password), 'This account is disabled. Contact your administrator.');
    const wrong = await page('alice', 'Wrong-Passw0rd!');
    assert.equal(wrong, 'The username or password is incorrect.');
    assert.equal(await page('nobody', 'Wrong-Passw0rd!'), wrong);
    assert.equal(await page('dave', 'Wrong-Passw0rd!'), wrong, 'AD says 533 only to the right password');
  });

  it('reads userAccountControl on search: a disabled user is marked so without a bind', async () => {
    const dave = await directory().findUser('dave');
    assert.equal(dave?.disabled, true);
    assert.equal(Number(dave?.attributes.userAccountControl) & 2, 2);
    assert.equal((await directory().findUser('bob'))?.disabled, false);
  });

  it('finds nobody for filter-injection attempts', async () => {
    for (const attempt of ['*)(sAMAccountName=*', '*', '\\00', 'alice)(|(objectClass=*']) {
      assert.equal(await directory().findUser(attempt), null, attempt);
      assert.deepEqual(await directory().verifyPassword(attempt, adUsers.alice.password), { ok: false, reason: 'invalid' }, attempt);
    }
  });

  it('binds directly by UPN or DOMAIN\\name without a service account (bindMode upn), a UPN suffix added to a bare login', async () => {
    const direct = await startGatehouse({ directory: directoryConfig({ bindDN: undefined, bindPassword: undefined, bindMode: 'upn', upnSuffix: 'corp.example.org' }) });
    try {
      const byUpn = await direct.gatehouse.registry.directory.verifyPassword(adUsers.bob.upn, adUsers.bob.password);
      assert.ok(byUpn.ok);
      assert.deepEqual(byUpn.user.groups, ['Domain Users', 'staff', 'Users']);
      assert.equal((await direct.gatehouse.registry.directory.verifyPassword('bob', adUsers.bob.password)).ok, true);
      const downLevel = await direct.gatehouse.registry.directory.verifyPassword('CORP\\bob', adUsers.bob.password);
      assert.ok(downLevel.ok, 'DOMAIN\\name, as AD takes it');
      assert.equal(downLevel.user.login, adUsers.bob.upn);
      assert.deepEqual(await direct.gatehouse.registry.directory.verifyPassword('dave', adUsers.dave.password), { ok: false, reason: 'disabled' });
      assert.deepEqual(await direct.gatehouse.registry.directory.verifyPassword('bob', 'Wrong-Passw0rd!'), { ok: false, reason: 'invalid' });
    } finally {
      await direct.stop();
    }
  });

  it('imports the users whose primary group a group is (Domain Users: everyone, though its member list is empty)', async () => {
    const syncGh = await startGatehouse({ directory: directoryConfig() });
    try {
      const config = buildConfig({ directory: directoryConfig({ sync: { group: `CN=Domain Users,CN=Users,${adBaseDN}` } }) });
      const { changes } = await createUserSync({ ...syncGh.gatehouse.registry, config }).sync();
      const added = new Set(changes.filter((c) => c.kind === 'add').map((c) => c.login));
      for (const user of Object.values(adUsers)) assert.ok(added.has(user.upn), `${user.upn} is imported`);
    } finally {
      await syncGh.stop();
    }
  });

  it('imports a security group with its nested group, then syncs incrementally by uSNChanged', async () => {
    const ad = directory() as LdapDirectory;
    const syncGh = await startGatehouse({ directory: directoryConfig() });
    try {
      // The sync's settings from a config with directory.sync; the server itself schedules none, so runs are the test's.
      const config = buildConfig({ directory: directoryConfig({ sync: { group: adGroup('staff') } }) });
      const sync = createUserSync({ ...syncGh.gatehouse.registry, config });
      const first = await sync.sync();
      assert.equal(first.mode, 'full');
      assert.deepEqual(first.changes.filter((c) => c.kind === 'add').map((c) => c.login).sort(), [adUsers.alice.upn, adUsers.bob.upn, adUsers.carol.upn, adUsers.dave.upn]);
      const records = new Map((await syncGh.gatehouse.registry.store.listRecords<{ login: string; disabled: boolean }>('directory.imported')).map(([, u]) => [u.login, u]));
      assert.equal(records.get(adUsers.dave.upn)?.disabled, true);

      const admin = { url: dc.url, dn: dc.adminUpn, password: dc.adminPassword };
      await ldapModify(admin.url, admin.dn, admin.password, `dn: ${adUsers.bob.dn}\nchangetype: modify\nreplace: mail\nmail: robert.builder@corp.example.org\n`);
      await ldapModify(admin.url, admin.dn, admin.password, `dn: ${adGroup('contractors')}\nchangetype: modify\ndelete: member\nmember: ${adUsers.carol.dn}\n`);
      const second = await sync.sync();
      assert.equal(second.mode, 'incremental');
      assert.deepEqual(second.changes.map((c) => `${c.kind} ${c.login}`).sort(), [`remove ${adUsers.carol.upn}`, `update ${adUsers.bob.upn}`]);
      const state = await syncGh.gatehouse.registry.store.getRecord<{ mark: { usn?: string } }>('directory.sync', `group:${adGroup('staff').toLowerCase()}`);
      assert.match(state?.mark.usn ?? '', /^\d+$/, 'the mark is the DC\'s highestCommittedUSN');
      assert.ok(ad.scanner, 'the scanner reads AD with paged searches');
    } finally {
      await syncGh.stop();
    }
  });
});
