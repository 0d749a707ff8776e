import assert from 'node:assert/strict';
import { EmbeddedDirectory, scryptHasher, type PasswordHasher } from '../../../src/directory/index.js';
import { createEmbeddedStore, type Store } from '../../../src/store/index.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

/** Counts hash checks, to prove the unknown-user path does the same work as a wrong password. */
function countingHasher(): PasswordHasher & { verifications: number } {
  const hasher = { verifications: 0, hash: scryptHasher.hash, verify: async (p: string, h: string) => (hasher.verifications++, scryptHasher.verify(p, h)) };
  return hasher;
}

describe('the embedded directory', () => {
  let dir: string;
  let store: Store;
  let hasher: ReturnType<typeof countingHasher>;
  let directory: EmbeddedDirectory;

  beforeEach(async () => {
    dir = await makeTempDir();
    store = await createEmbeddedStore({ dataDir: dir });
    hasher = countingHasher();
    directory = new EmbeddedDirectory(store, hasher);
    await directory.addUser({ login: 'Alice', password: 'correct horse', name: 'Alice A', email: 'alice@example.org', groups: ['staff'] });
  });
  afterEach(async () => {
    await store.close();
    await removeTempDir(dir);
  });

  it('accepts the right password and returns the user with groups', async () => {
    const check = await directory.verifyPassword('alice', 'correct horse');
    assert.ok(check.ok);
    assert.equal(check.user.login, 'Alice');
    assert.deepEqual(check.user.groups, ['staff']);
  });

  it('finds users case-insensitively, as Active Directory does', async () => {
    assert.equal((await directory.findUser('ALICE'))?.email, 'alice@example.org');
  });

  it('refuses a wrong password and an unknown user with the same reason, after the same hash work', async () => {
    hasher.verifications = 0;
    assert.deepEqual(await directory.verifyPassword('alice', 'wrong'), { ok: false, reason: 'invalid' });
    assert.equal(hasher.verifications, 1);
    assert.deepEqual(await directory.verifyPassword('nobody', 'wrong'), { ok: false, reason: 'invalid' });
    assert.equal(hasher.verifications, 2);
  });

  it('never stores the password itself', async () => {
    const records = await store.listRecords<Record<string, unknown>>('directory.user');
    assert.equal(records.length, 1);
    assert.ok(!JSON.stringify(records).includes('correct horse'));
    assert.match(String(records[0]![1].passwordHash), /^scrypt\$32768\$8\$3\$/);
  });

  it('refuses a second user with the same login in another case', async () => {
    await assert.rejects(directory.addUser({ login: 'ALICE', password: 'another pass' }), /already exists/);
  });

  it('refuses logins with characters that have no place in a login', async () => {
    await assert.rejects(directory.addUser({ login: 'bob)(uid=*', password: 'long enough' }), /login:/);
    assert.equal(await directory.findUser('*'), null);
  });

  it('changes a password so that only the new one works', async () => {
    assert.ok(await directory.setPassword('alice', 'new password!'));
    assert.equal((await directory.verifyPassword('alice', 'correct horse')).ok, false);
    assert.equal((await directory.verifyPassword('alice', 'new password!')).ok, true);
  });

  it('removes a user so that they can no longer sign in', async () => {
    assert.ok(await directory.removeUser('alice'));
    assert.equal(await directory.findUser('alice'), null);
    assert.deepEqual(await directory.verifyPassword('alice', 'correct horse'), { ok: false, reason: 'invalid' });
  });

  it('sees users added by another process sharing the data dir', async () => {
    const other = await createEmbeddedStore({ dataDir: dir });
    await new EmbeddedDirectory(other).addUser({ login: 'bob', password: 'bob password' });
    await other.close();
    assert.equal((await directory.findUser('bob'))?.login, 'bob');
  });
});
