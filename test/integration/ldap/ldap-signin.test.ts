import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import type { LdapDirectory } from '../../../src/directory/index.js';
import { fixtureUsers, usersLdif } from '../../fixtures/ldap/users.js';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startSlapd, type Slapd } from '../../helpers/slapd.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { ldapDirectory } from './ldap-config.js';

const errorOf = (body: string) => /<p id="password-error"[^>]*>([^<]*)<\/p>/.exec(body)?.[1];

describe('sign-in against OpenLDAP', () => {
  let slapd: Slapd;
  let gh: RunningGatehouse;
  let config: client.Configuration;

  before(async () => {
    slapd = await startSlapd({ ldif: [usersLdif] });
    gh = await startGatehouse({ directory: ldapDirectory([slapd.url]) });
    config = await discoverClient(gh.url);
  });
  after(async () => {
    await gh?.stop();
    await slapd?.stop();
  });

  const signIn = async (login: string, password: string) => {
    const start = await startAuthorization(config);
    return { start, response: await signInWithPassword(appBrowser(), start, login, password) };
  };
  const lastPasswordEvent = () => gh.auditEvents.filter((e) => e.event === 'password.checked').at(-1);

  it('signs a user in by uid and gives the app tokens with her entryUUID, profile and nested groups', async () => {
    const { start, response } = await signIn('carol', fixtureUsers.carol.password);
    assert.ok(response.url.startsWith('http://127.0.0.1:9/callback?'), `ended at ${response.url}`);
    const tokens = await redeem(config, start, response.url);
    const { payload } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${gh.url}/oidc/jwks`)), { issuer: `${gh.url}/oidc`, audience: 'app' });
    assert.match(String(payload.sub), /^[0-9a-f]{8}-[0-9a-f]{4}-/, 'sub is the entryUUID');
    const info = await client.fetchUserInfo(config, tokens.access_token, String(payload.sub));
    assert.equal(info.preferred_username, 'carol');
    assert.equal(info.email, 'carol@example.org');
    assert.equal(info.name, 'Carol Contractor');
    assert.deepEqual(info.groups, ['contractors', 'staff'], 'staff comes through the nested group contractors');
  });

  it('signs a user in by mail, the second login attribute, as the same person', async () => {
    const byMail = await signIn(fixtureUsers.alice.mail, fixtureUsers.alice.password);
    assert.ok(byMail.response.url.startsWith('http://127.0.0.1:9/callback?'), `ended at ${byMail.response.url}`);
    const tokens = await redeem(config, byMail.start, byMail.response.url);
    const alice = await gh.gatehouse.registry.directory.findUser('alice');
    assert.equal(tokens.claims()?.sub, alice!.id);
  });

  it('answers a wrong password and an unknown user with the same message', async () => {
    const wrong = await signIn('alice', 'not-alices-password');
    const wrongEvent = lastPasswordEvent();
    const unknown = await signIn('mallory', 'not-alices-password');
    const unknownEvent = lastPasswordEvent();
    assert.equal(errorOf(wrong.response.body), 'The username or password is incorrect.');
    assert.equal(errorOf(unknown.response.body), errorOf(wrong.response.body));
    assert.equal(wrongEvent?.reason, 'invalid');
    assert.equal(unknownEvent?.reason, 'invalid');
  });

  it('refuses the disabled account (pwdAccountLockedTime, the mapped attribute) and says why', async () => {
    const { response } = await signIn('dave', fixtureUsers.dave.password);
    assert.equal(errorOf(response.body), 'This account is disabled. Contact your administrator.');
    assert.equal(lastPasswordEvent()?.reason, 'disabled');
    assert.equal((await gh.gatehouse.registry.directory.findUser('dave'))?.disabled, true);
  });

  it('finds nobody for filter-injection attempts, whatever password comes with them', async () => {
    const directory = gh.gatehouse.registry.directory;
    for (const attempt of ['*)(uid=*', '*', 'alice)(|(uid=*', '\\00', 'alice\\00', '*)(|(objectClass=*', 'al*']) {
      assert.equal(await directory.findUser(attempt), null, attempt);
      assert.deepEqual(await directory.verifyPassword(attempt, fixtureUsers.alice.password), { ok: false, reason: 'invalid' }, attempt);
    }
    const { response } = await signIn('*)(uid=*', fixtureUsers.alice.password);
    assert.equal(errorOf(response.body), 'The username or password is incorrect.');
  });

  it('refuses an empty password, which LDAP would take for an anonymous bind', async () => {
    assert.deepEqual(await gh.gatehouse.registry.directory.verifyPassword('alice', ''), { ok: false, reason: 'invalid' });
  });

  it('finds a user again by id, as tokens and the portal do', async () => {
    const directory = gh.gatehouse.registry.directory;
    const bob = await directory.findUser('bob');
    const again = await directory.getUser(bob!.id);
    assert.equal(again?.login, 'bob');
    assert.deepEqual(again?.groups, ['staff']);
    assert.equal(await directory.getUser('00000000-0000-0000-0000-000000000000'), null);
    assert.equal(await directory.getUser('*'), null);
  });

  it('answers /readyz while the directory is up', async () => {
    const response = await fetch(`${gh.url}/readyz`);
    assert.equal(response.status, 200);
    assert.equal((gh.gatehouse.registry.directory as LdapDirectory).type, 'ldap');
  });
});

describe('nested groups on OpenLDAP, read either way', () => {
  let slapd: Slapd;
  before(async () => {
    slapd = await startSlapd({ ldif: [usersLdif] });
  });
  after(() => slapd?.stop());

  for (const groups of ['memberOf', 'groupOfNames'] as const) {
    it(`gives carol staff through contractors with groups: ${groups}`, async () => {
      const gh = await startGatehouse({ directory: ldapDirectory([slapd.url], { groups }) });
      try {
        const check = await gh.gatehouse.registry.directory.verifyPassword('carol', fixtureUsers.carol.password);
        assert.ok(check.ok);
        assert.deepEqual(check.user.groups, ['contractors', 'staff']);
        const alice = await gh.gatehouse.registry.directory.findUser('alice');
        assert.deepEqual(alice?.groups, ['admins', 'staff']);
      } finally {
        await gh.stop();
      }
    });
  }
});
