import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildConfig } from '../../../src/config/index.js';
import { createDirectory } from '../../../src/directory/index.js';
import { createEmbeddedStore } from '../../../src/store/index.js';
import { fixtureUsers, usersLdif } from '../../fixtures/ldap/users.js';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startSlapd, type Slapd } from '../../helpers/slapd.js';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-ca.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';
import { startGatehouse } from '../../helpers/test-gatehouse.js';
import { ldapDirectory } from './ldap-config.js';
import { startRecordingProxy } from './recording-proxy.js';

describe('LDAP over TLS with a test CA', () => {
  let dir: string;
  let certs: TestCertificates;
  let slapd: Slapd;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;

  before(async () => {
    dir = await makeTempDir();
    certs = await makeTestCertificates(dir);
    slapd = await startSlapd({ ldif: [usersLdif], tls: certs });
    proxy = await startRecordingProxy({ host: '127.0.0.1', port: slapd.port });
  });
  after(async () => {
    proxy?.stop();
    await slapd?.stop();
    await removeTempDir(dir);
  });

  it('signs in over StartTLS, and no password crosses the wire in clear text', async () => {
    const gh = await startGatehouse({ directory: ldapDirectory([proxy.url], { startTls: true, tls: { ca: certs.ca } }) });
    try {
      const config = await discoverClient(gh.url);
      const response = await signInWithPassword(appBrowser(), await startAuthorization(config), 'alice', fixtureUsers.alice.password);
      assert.ok(response.url.startsWith('http://127.0.0.1:9/callback?'), `ended at ${response.url}`);
      assert.equal(proxy.saw(fixtureUsers.alice.password), false, "alice's password");
      assert.equal(proxy.saw('gatehouse-secret'), false, "the service account's password");
      assert.equal(proxy.saw('alice'), false, 'even the search for her login is encrypted');
    } finally {
      await gh.stop();
    }
  });

  it('keeps TLS on connections made after the old ones were cut', async () => {
    const gh = await startGatehouse({ directory: ldapDirectory([proxy.url], { startTls: true, tls: { ca: certs.ca } }) });
    try {
      const directory = gh.gatehouse.registry.directory;
      assert.equal((await directory.verifyPassword('bob', fixtureUsers.bob.password)).ok, true);
      proxy.cut();
      assert.equal((await directory.verifyPassword('carol', fixtureUsers.carol.password)).ok, true);
      assert.equal(proxy.saw(fixtureUsers.carol.password), false);
    } finally {
      await gh.stop();
    }
  });

  it('refuses a server whose certificate the configured CA did not sign, without sending the password', async () => {
    const gh = await startGatehouse({ directory: ldapDirectory([proxy.url], { startTls: true, tls: { ca: certs.otherCa } }) });
    try {
      assert.deepEqual(await gh.gatehouse.registry.directory.verifyPassword('bob', fixtureUsers.bob.password), { ok: false, reason: 'unavailable' });
      assert.equal(proxy.saw(fixtureUsers.bob.password), false);
    } finally {
      await gh.stop();
    }
  });

  it('signs in over ldaps:// with the CA given relative to the config file', async () => {
    const config = buildConfig({ dataDir: join(dir, 'data'), directory: ldapDirectory([slapd.ldapsUrl!], { tls: { ca: 'test-ca.pem' } }) }, dir);
    const store = await createEmbeddedStore({ dataDir: join(dir, 'data') });
    const directory = createDirectory(config, store);
    try {
      assert.equal((await directory.verifyPassword('alice', fixtureUsers.alice.password)).ok, true);
    } finally {
      await directory.close();
      await store.close();
    }
  });

  it('sends passwords in clear text without TLS, which is what the proxy would see (the check above means something)', async () => {
    const gh = await startGatehouse({ directory: ldapDirectory([proxy.url]) });
    try {
      assert.equal((await gh.gatehouse.registry.directory.verifyPassword('bob', fixtureUsers.bob.password)).ok, true);
      assert.equal(proxy.saw(fixtureUsers.bob.password), true);
    } finally {
      await gh.stop();
    }
  });
});
