import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImportedUser } from '../../../src/directory/sync/index.js';
import { usersLdif } from '../../fixtures/ldap/users.js';
import { startSlapd, type Slapd } from '../../helpers/slapd.js';
import { startGatehouse } from '../../helpers/test-gatehouse.js';
import { ldapDirectory } from './ldap-config.js';

describe('the scheduled directory sync of a running server', () => {
  let slapd: Slapd;
  before(async () => {
    slapd = await startSlapd({ ldif: [usersLdif] });
  });
  after(() => slapd?.stop());

  it('syncs the configured group soon after start, with the default method, and stops with the server', async () => {
    const gh = await startGatehouse({
      directory: ldapDirectory([slapd.url], { sync: { group: 'cn=admins,ou=groups,dc=example,dc=org', interval: '1m', defaultMethod: 'totp' } }),
    });
    try {
      // The run's audit event comes last, once records and default methods are written.
      const synced = () => gh.auditEvents.find((e) => e.event === 'directory.synced');
      for (let waited = 0; !synced() && waited < 20_000; waited += 100) await sleep(100);
      assert.match(synced()?.reason ?? '', /^full group:cn=admins,ou=groups,dc=example,dc=org: add 1/);
      const users = await gh.gatehouse.registry.store.listRecords<ImportedUser>('directory.imported');
      assert.deepEqual(users.map(([, user]) => user.login), ['alice']);
      assert.equal((await gh.gatehouse.registry.mfa.preferences.get(users[0]![0])).default, 'totp');
    } finally {
      await gh.stop();
    }
  });

  it('does not schedule anything without directory.sync', async () => {
    const gh = await startGatehouse({ directory: ldapDirectory([slapd.url]) });
    try {
      await sleep(1_500);
      assert.equal(gh.auditEvents.filter((e) => e.event === 'directory.synced').length, 0);
    } finally {
      await gh.stop();
    }
  });
});
