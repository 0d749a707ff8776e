import { join } from 'node:path';
import { systemClock } from '../../src/clock/clock.js';
import { LdapDirectory } from '../../src/directory/ldap/index.js';
import { setDefaults, UserSync } from '../../src/directory/sync/index.js';
import { PreferenceStore } from '../../src/mfa/preferences.js';
import { createEmbeddedStore } from '../../src/store/index.js';
import { ldapModify } from '../../test/helpers/ldap-modify.js';
import type { Slapd } from '../../test/helpers/slapd.js';
import { makeTempDir, removeTempDir } from '../../test/helpers/temp-dir.js';
import { BENCH_PEOPLE, BENCH_SERVICE, BENCH_SUFFIX, mailChanges } from './generate-users.js';

export interface SyncFigures {
  users: number;
  importSeconds: number;
  usersPerSecond: number;
  fullSyncSeconds: number;
  changes: number;
  incrementalSeconds: number;
  incrementalRead: number;
  rssMB: number;
}

/** The LDAP directory as import and sync use it, on the bench slapd (service account, uid and mail as logins). */
export function benchDirectory(url: string): LdapDirectory {
  return new LdapDirectory(
    {
      urls: [url],
      bindDN: BENCH_SERVICE.dn,
      bindPassword: BENCH_SERVICE.password,
      baseDN: BENCH_SUFFIX,
      loginAttributes: ['uid', 'mail'],
      userFilter: '(|(&(objectCategory=person)(objectClass=user))(objectClass=inetOrgPerson))',
      groupFilter: '(|(objectClass=group)(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))',
      groups: 'memberOf',
      idAttribute: null,
      attributes: [],
      disabled: { attribute: 'pwdAccountLockedTime', values: ['000001010000Z'] },
      bindMode: 'search',
      upnSuffix: null,
      timeout: 30_000,
      startTls: false,
      poolSize: 4,
      retryAfter: 30_000,
      cacheTtl: 15_000,
    },
    { clock: systemClock },
  );
}

/**
 * Imports every user of ou=people into a fresh embedded store (the records and a default-method preference each,
 * as `gatehouse users import --base` does), runs the first full sync, changes `changes` users with ldapmodify,
 * and times the incremental sync that follows.
 */
export async function measureSync(slapd: Slapd, users: number, changes: number): Promise<SyncFigures> {
  const dir = await makeTempDir('gatehouse-bench-sync-');
  const store = await createEmbeddedStore({ dataDir: join(dir, 'data') });
  const directory = benchDirectory(slapd.url);
  const preferences = new PreferenceStore(store);
  const sync = new UserSync(
    {
      store,
      source: directory.scanner,
      clock: systemClock,
      mfa: { purge: async () => [] },
      defaults: { setIfUnset: (ids, method) => setDefaults(store, preferences, ids, method) },
    },
    { scope: { base: BENCH_PEOPLE }, pageSize: 1000, removedRetention: 30 * 86_400_000, defaultMethod: 'totp', language: 'en', enrollmentEmail: false },
  );
  try {
    let started = performance.now();
    const imported = await sync.importScope({ base: BENCH_PEOPLE });
    const importSeconds = (performance.now() - started) / 1000;
    if (imported.counts.add !== users) throw new Error(`imported ${imported.counts.add} of ${users}`);

    started = performance.now();
    await sync.sync();
    const fullSyncSeconds = (performance.now() - started) / 1000;

    await ldapModify(slapd.url, slapd.adminDN, slapd.adminPassword, mailChanges(users, changes, 1));
    started = performance.now();
    const incremental = await sync.sync();
    const incrementalSeconds = (performance.now() - started) / 1000;
    if (incremental.mode !== 'incremental' || incremental.counts.update !== changes) {
      throw new Error(`the incremental sync saw ${incremental.counts.update} updates (${incremental.mode}), not ${changes}`);
    }
    return {
      users,
      importSeconds,
      usersPerSecond: users / importSeconds,
      fullSyncSeconds,
      changes,
      incrementalSeconds,
      incrementalRead: incremental.counts.update + incremental.counts.unchanged,
      rssMB: process.memoryUsage().rss / 1e6,
    };
  } finally {
    await directory.close();
    await store.close();
    await removeTempDir(dir);
  }
}
