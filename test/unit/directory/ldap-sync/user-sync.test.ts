import assert from 'node:assert/strict';
import { UserSync, type ImportedUser, type UserSource } from '../../../../src/directory/sync/index.js';
import type { ChangeMark, ScannedUser, UserScope } from '../../../../src/directory/ldap/index.js';
import type { DirectoryUser } from '../../../../src/directory/index.js';
import { createEmbeddedStore, type Store } from '../../../../src/store/index.js';
import { makeTempDir, removeTempDir } from '../../../helpers/temp-dir.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A directory in memory: each change stamps the entry's modifyTimestamp with the test clock's time. */
class FakeSource implements UserSource {
  users = new Map<string, ScannedUser & { groups: string[] }>();
  scans: Array<{ scope: UserScope; since?: ChangeMark; read: number }> = [];

  constructor(private readonly now: () => number) {}

  put(id: string, fields: Partial<ScannedUser> & { groups?: string[] } = {}): void {
    const previous = this.users.get(id);
    const stamp = new Date(this.now()).toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
    this.users.set(id, { id, dn: `uid=${id},ou=people,dc=x`, login: id, disabled: false, groups: ['staff'], ...previous, ...fields, modified: stamp });
  }

  #inScope(scope: UserScope) {
    return [...this.users.values()].filter((user) => !scope.group || user.groups.includes(scope.group));
  }

  async scan(scope: UserScope, since?: ChangeMark): Promise<ScannedUser[]> {
    const read = this.#inScope(scope).filter((user) => !since?.modified || user.modified! >= since.modified).map(({ groups: _g, ...user }) => user);
    this.scans.push({ scope, ...(since ? { since } : {}), read: read.length });
    return read;
  }

  async list(scope: UserScope) {
    return this.#inScope(scope).map(({ id, dn }) => ({ id, dn }));
  }

  async byIds(ids: string[]): Promise<ScannedUser[]> {
    return ids.flatMap((id) => {
      const user = this.users.get(id);
      if (!user) return [];
      const { groups: _g, ...rest } = user;
      return [rest];
    });
  }

  async changeMark(): Promise<ChangeMark> {
    return {};
  }
}

describe('user import and sync', () => {
  let dir: string;
  let store: Store;
  let source: FakeSource;
  let now: number;
  let purged: DirectoryUser[];
  let defaults: Array<[string, string]>;
  let mailed: ImportedUser[];

  const engine = (settings: Partial<ConstructorParameters<typeof UserSync>[1]> = {}) =>
    new UserSync(
      {
        store,
        source,
        clock: { now: () => now },
        mfa: { purge: async (user) => (purged.push(user), ['totp']) },
        defaults: { setIfUnset: async (ids, method) => void defaults.push(...ids.map((id): [string, string] => [id, method])) },
        mailer: { send: async (user) => void mailed.push(user) },
      },
      { scope: { group: 'staff' }, pageSize: 100, removedRetention: 30 * DAY, defaultMethod: 'totp', language: 'sv', enrollmentEmail: false, ...settings },
    );
  const record = (id: string) => store.getRecord<ImportedUser>('directory.imported', id);

  beforeEach(async () => {
    dir = await makeTempDir();
    store = await createEmbeddedStore({ dataDir: dir });
    now = Date.parse('2026-01-01T00:00:00Z');
    source = new FakeSource(() => now);
    purged = [];
    defaults = [];
    mailed = [];
    for (const id of ['alice', 'bob', 'carol']) source.put(id, { email: `${id}@example.org` });
    source.put('dave', { disabled: true });
  });
  afterEach(async () => {
    await store.close();
    await removeTempDir(dir);
  });

  it('imports everyone in the scope with the default method and language, disabled users marked so', async () => {
    const report = await engine().importScope({ group: 'staff' });
    assert.equal(report.counts.add, 4);
    assert.deepEqual({ ...(await record('alice')), importedAt: undefined, updatedAt: undefined }, {
      id: 'alice', dn: 'uid=alice,ou=people,dc=x', login: 'alice', email: 'alice@example.org', disabled: false, method: 'totp', language: 'sv', source: 'group:staff', importedAt: undefined, updatedAt: undefined,
    });
    assert.equal((await record('dave'))?.disabled, true);
    assert.deepEqual(defaults.map(([id]) => id).sort(), ['alice', 'bob', 'carol', 'dave']);
  });

  it('changes nothing on a dry run and lists what it would do', async () => {
    const report = await engine().importScope({ group: 'staff' }, { dryRun: true });
    assert.equal(report.dryRun, true);
    assert.deepEqual(report.changes.map((c) => `${c.kind} ${c.login}`), ['add alice', 'add bob', 'add carol', 'add dave']);
    assert.equal(await record('alice'), undefined);
  });

  it('sends the enrollment email to new users with an address, once', async () => {
    await engine().importScope({ group: 'staff' }, { sendEmail: true });
    assert.deepEqual(mailed.map((user) => user.login).sort(), ['alice', 'bob', 'carol']);
    assert.ok((await record('alice'))?.mailedAt);
    await engine().importScope({ group: 'staff' }, { sendEmail: true });
    assert.equal(mailed.length, 3);
  });

  it('mails a user imported disabled once a sync sees them enabled, and only once', async () => {
    source.put('dave', { disabled: true, email: 'dave@example.org' });
    await engine({ enrollmentEmail: true }).sync();
    assert.deepEqual(mailed.map((user) => user.login).sort(), ['alice', 'bob', 'carol']);
    source.put('dave', { disabled: false });
    await engine({ enrollmentEmail: true }).sync();
    assert.deepEqual(mailed.map((user) => user.login).sort(), ['alice', 'bob', 'carol', 'dave']);
    source.put('dave', { disabled: true });
    await engine({ enrollmentEmail: true }).sync();
    source.put('dave', { disabled: false });
    await engine({ enrollmentEmail: true }).sync();
    assert.equal(mailed.length, 4);
  });

  it('reads everyone on the first sync and only entries changed since (less a clock margin) after that', async () => {
    now += HOUR;
    const first = await engine().sync();
    assert.equal(first.mode, 'full');
    assert.equal(first.counts.add, 4);
    now += HOUR;
    source.put('bob', { email: 'robert@example.org' });
    const second = await engine().sync();
    assert.equal(second.mode, 'incremental');
    assert.deepEqual(source.scans.at(-1), { scope: { group: 'staff' }, since: { modified: '20260101005000Z' }, read: 1 }, 'from 10 minutes before the first run started');
    assert.deepEqual(second.changes, [{ kind: 'update', id: 'bob', login: 'bob', detail: ['email'] }]);
    assert.equal((await record('bob'))?.email, 'robert@example.org');
  });

  it('records a user disabled, and enabled again, in the directory', async () => {
    await engine().sync();
    source.put('alice', { disabled: true });
    assert.deepEqual((await engine().sync()).changes.map((c) => c.kind), ['disable']);
    assert.equal((await record('alice'))?.disabled, true);
    source.put('alice', { disabled: false });
    assert.deepEqual((await engine().sync()).changes.map((c) => c.kind), ['enable']);
  });

  it('adds a user who joins the group, even though their own entry did not change', async () => {
    await engine().sync();
    source.users.set('erin', { id: 'erin', dn: 'uid=erin,ou=people,dc=x', login: 'erin', disabled: false, groups: [], modified: '20250101000000Z' });
    source.users.get('erin')!.groups = ['staff'];
    const report = await engine().sync();
    assert.deepEqual(report.changes.map((c) => `${c.kind} ${c.login}`), ['add erin']);
  });

  it('marks a user gone from the directory removed, keeps their MFA for the retention, then purges it', async () => {
    await engine().sync();
    source.users.delete('bob');
    const removal = await engine().sync();
    assert.deepEqual(removal.changes.map((c) => `${c.kind} ${c.login}`), ['remove bob']);
    assert.ok((await record('bob'))?.removedAt);
    assert.equal(purged.length, 0);

    now += 29 * DAY;
    assert.equal((await engine().sync()).counts.purge, 0);
    now += 1 * DAY;
    const purge = await engine().sync();
    assert.deepEqual(purge.changes, [{ kind: 'purge', id: 'bob', login: 'bob', detail: ['totp'] }]);
    assert.deepEqual(purged.map((user) => user.id), ['bob']);
    assert.equal(await record('bob'), undefined);
  });

  it('purges at once with a retention of zero', async () => {
    await engine({ removedRetention: 0 }).sync();
    source.users.delete('carol');
    const report = await engine({ removedRetention: 0 }).sync();
    assert.deepEqual(report.changes.map((c) => `${c.kind} ${c.login}`), ['remove carol', 'purge carol']);
    assert.equal(await record('carol'), undefined);
  });

  it('brings back a removed user who returns before the purge, keeping their MFA', async () => {
    await engine().sync();
    const bob = source.users.get('bob')!;
    source.users.delete('bob');
    await engine().sync();
    source.users.set('bob', bob);
    const report = await engine().sync();
    assert.deepEqual(report.changes.map((c) => `${c.kind} ${c.login}`), ['restore bob']);
    assert.equal((await record('bob'))?.removedAt, undefined);
    assert.equal(purged.length, 0);
  });

  it('removes a user who left the synced group, but not one imported from elsewhere who still exists', async () => {
    await engine().sync();
    source.put('olga', { groups: ['other'] });
    await engine().importScope({ group: 'other' });
    source.put('alice', { groups: [] });
    const report = await engine().sync();
    assert.deepEqual(report.changes.map((c) => `${c.kind} ${c.login}`), ['remove alice']);
    assert.equal((await record('olga'))?.removedAt, undefined);
  });

  it('shows removals and purges on a dry run without making them', async () => {
    await engine({ removedRetention: 0 }).sync();
    source.users.delete('bob');
    const report = await engine({ removedRetention: 0 }).sync({ dryRun: true });
    assert.deepEqual(report.changes.map((c) => `${c.kind} ${c.login}`), ['remove bob', 'purge bob']);
    assert.equal((await record('bob'))?.removedAt, undefined);
    assert.equal(purged.length, 0);
  });
});
