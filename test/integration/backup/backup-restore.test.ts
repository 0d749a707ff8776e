import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/types.js';
import { createEmbeddedStore, createRedisStore, type Store } from '../../../src/store/index.js';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { startGatehouse } from '../../helpers/test-gatehouse.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

const SECRET = 'backup-test-secret-0123456789abcdef';
const OTHER_SECRET = 'another-cluster-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery';

/** Durable records of several kinds, as the parts of Gatehouse write them, with awkward names too. */
const RECORDS: Array<[string, string, unknown]> = [
  ['directory.user', 'u-1', { id: 'u-1', login: 'alice', groups: ['staff'], passwordHash: 'scrypt$...' }],
  ['directory.login', 'alice', 'u-1'],
  ['mfa.totp.registration', 'u-1', { id: 'r1', sealedSecret: 'v1.aaa.bbb.ccc', createdAt: '2030-01-01T00:00:00.000Z' }],
  ['mfa.recovery.codes', 'u-1', { id: 'c1', hashes: ['ab', 'cd'], createdAt: '2030-01-01T00:00:00.000Z' }],
  ['device', 'd-1', { owner: 'u-1', publicKey: 'MFkw...', passwordless: true }],
  ['lockout.history', 'alice', { failures: [1, 2, 3] }],
  ['kind with space', 'id\nwith newline', { ünïcødé: '✓', nothing: null }],
];

interface Run {
  code: number;
  out: string[];
  err: string[];
}

async function gatehouse(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => void out.push(line), err: (line) => void err.push(line), stdin: Readable.from([]), env };
  return { code: await main(args, io), out, err };
}

async function contents(store: Store, kinds: string[]): Promise<Record<string, Array<[string, unknown]>>> {
  const all: Record<string, Array<[string, unknown]>> = {};
  for (const kind of kinds) all[kind] = (await store.listRecords(kind)).sort(([a], [b]) => a.localeCompare(b));
  return all;
}

const kindsOf = (records: Array<[string, string, unknown]>) => [...new Set(records.map(([kind]) => kind))];

describe('gatehouse backup and restore', function () {
  this.timeout(60_000);
  let dir: string;
  let redis: RedisServer;

  /** Writes a config file for one node and returns its path. */
  const configFile = async (name: string, settings: Record<string, unknown>): Promise<string> => {
    const path = join(dir, `${name}.yaml`);
    await writeFile(path, stringify({ dataDir: `./${name}-data`, secrets: { key: SECRET }, audit: { sinks: [] }, ...settings }));
    return path;
  };
  const fill = async (store: Store, records = RECORDS): Promise<void> => {
    for (const [kind, id, value] of records) await store.putRecord(kind, id, value);
  };
  const embedded = (name: string) => createEmbeddedStore({ dataDir: join(dir, `${name}-data`) });

  before(async function () {
    redis = await startRedis({ appendonly: true });
  });

  after(async function () {
    await redis?.stop();
  });

  beforeEach(async function () {
    dir = await makeTempDir('gatehouse-backup-');
  });

  afterEach(async function () {
    await removeTempDir(dir);
  });

  it('backs up the embedded store and restores it into a new embedded node, record for record', async function () {
    const source = await embedded('old');
    await fill(source);
    await source.close();
    const backup = join(dir, 'backup.ghb');

    const made = await gatehouse(['backup', '--out', backup, '--config', await configFile('old', {})]);
    assert.equal(made.code, 0, made.err.join('\n'));
    assert.match(made.out[0]!, /^backup: 7 records of 7 kinds from the embedded store written to /);
    assert.equal((await stat(backup)).mode & 0o777, 0o600);
    const bytes = await readFile(backup);
    assert.ok(!bytes.includes('alice') && !bytes.includes('sealedSecret'), 'the records are not readable in the file');

    const restored = await gatehouse(['restore', '--in', backup, '--config', await configFile('new', {})]);
    assert.equal(restored.code, 0, restored.err.join('\n'));
    assert.match(restored.out[0]!, /^restore: 7 records of 7 kinds from a backup of the embedded store made \S+ are now in the embedded store$/);
    const target = await embedded('new');
    const reference = await embedded('old');
    assert.deepEqual(await contents(target, kindsOf(RECORDS)), await contents(reference, kindsOf(RECORDS)));
    await Promise.all([target.close(), reference.close()]);
  });

  it('migrates the embedded store to Redis, and back from Redis to embedded', async function () {
    const source = await embedded('single');
    await fill(source);
    await source.close();
    const toRedis = join(dir, 'to-redis.ghb');
    const redisConfig = await configFile('cluster', { store: { type: 'redis', url: redis.url, prefix: 'migrated:' } });

    assert.equal((await gatehouse(['backup', '--out', toRedis, '--config', await configFile('single', {})])).code, 0);
    const restored = await gatehouse(['restore', '--in', toRedis, '--config', redisConfig]);
    assert.equal(restored.code, 0, restored.err.join('\n'));
    assert.match(restored.out[0]!, /now in the redis store$/);
    const onRedis = await createRedisStore({ url: redis.url, prefix: 'migrated:' });
    const expected = await contents(onRedis, kindsOf(RECORDS));
    assert.deepEqual(expected['directory.login'], [['alice', 'u-1']]);

    const fromRedis = join(dir, 'from-redis.ghb');
    const made = await gatehouse(['backup', '--out', fromRedis, '--config', redisConfig]);
    assert.equal(made.code, 0, made.err.join('\n'));
    assert.match(made.out[0]!, /7 records of 7 kinds from the redis store/);
    assert.equal((await gatehouse(['restore', '--in', fromRedis, '--config', await configFile('back', {})])).code, 0);
    const back = await embedded('back');
    assert.deepEqual(await contents(back, kindsOf(RECORDS)), expected);
    await Promise.all([back.close(), onRedis.close()]);
  });

  it('moves a single embedded node to Redis: users made on the old node sign in on the new one', async function () {
    const old = await startGatehouse({ secrets: { key: SECRET } });
    await old.addUser('alice', PASSWORD, { name: 'Alice' });
    const oldConfig = join(dir, 'old.yaml');
    await writeFile(oldConfig, stringify({ dataDir: join(old.dir, 'data'), secrets: { key: SECRET } }));
    const backup = join(dir, 'backup.ghb');
    // Taken while the old node runs.
    const made = await gatehouse(['backup', '--out', backup, '--config', oldConfig]);
    await old.stop();
    assert.equal(made.code, 0, made.err.join('\n'));

    const prefix = 'moved:';
    const restored = await gatehouse(['restore', '--in', backup, '--config', await configFile('moved', { store: { type: 'redis', url: redis.url, prefix } })]);
    assert.equal(restored.code, 0, restored.err.join('\n'));
    const moved = await startGatehouse({ secrets: { key: SECRET }, store: { type: 'redis', url: redis.url, prefix } });
    try {
      const config = await discoverClient(moved.url);
      const start = await startAuthorization(config);
      const callback = await signInWithPassword(appBrowser(), start, 'alice', PASSWORD);
      assert.ok(callback.url.startsWith('http://127.0.0.1:9/callback?'), `ended at ${callback.url}`);
      assert.ok((await redeem(config, start, callback.url)).id_token);
    } finally {
      await moved.stop();
    }
  });

  it('restores under a running embedded node, which sees the restored records at once', async function () {
    const source = await embedded('source');
    await fill(source);
    await source.close();
    const backup = join(dir, 'backup.ghb');
    assert.equal((await gatehouse(['backup', '--out', backup, '--config', await configFile('source', {})])).code, 0);

    const running = await embedded('live');
    await running.putRecord('directory.login', 'zed', 'u-9');
    assert.equal((await gatehouse(['restore', '--in', backup, '--replace', '--config', await configFile('live', {})])).code, 0);
    assert.deepEqual(await running.listRecords('directory.login'), [['alice', 'u-1']]);
    await running.putRecord('directory.login', 'after', 'u-10');
    const reopened = await embedded('live');
    assert.equal((await reopened.listRecords('directory.login')).length, 2);
    await Promise.all([running.close(), reopened.close()]);
  });

  it('leaves a store that already holds records alone, unless told to replace them', async function () {
    const source = await embedded('source');
    await fill(source);
    await source.close();
    const backup = join(dir, 'backup.ghb');
    assert.equal((await gatehouse(['backup', '--out', backup, '--config', await configFile('source', {})])).code, 0);

    const targetConfig = await configFile('busy', { store: { type: 'redis', url: redis.url, prefix: 'busy:' } });
    const busy = await createRedisStore({ url: redis.url, prefix: 'busy:' });
    await busy.putRecord('directory.login', 'bob', 'u-2');
    await busy.putRecord('only-here', 'x', 1);

    const refused = await gatehouse(['restore', '--in', backup, '--config', targetConfig]);
    assert.equal(refused.code, 1);
    assert.match(refused.err[0]!, /already holds 2 records; nothing was changed \(give --replace/);
    assert.deepEqual(await busy.listRecords('directory.login'), [['bob', 'u-2']]);

    const replaced = await gatehouse(['restore', '--in', backup, '--replace', '--config', targetConfig]);
    assert.equal(replaced.code, 0, replaced.err.join('\n'));
    assert.match(replaced.out[0]!, /\(replacing 2 records\)$/);
    assert.deepEqual(await busy.listRecords('directory.login'), [['alice', 'u-1']]);
    assert.deepEqual(await busy.listRecords('only-here'), []);
    await busy.close();
  });

  describe('refusing a file it cannot trust', function () {
    let backup: string;
    let targetConfig: string;
    let target: Store;
    const untouched = [['directory.login', 'carol', 'u-3']] as const;

    beforeEach(async function () {
      const source = await embedded('source');
      await fill(source);
      await source.close();
      backup = join(dir, 'backup.ghb');
      assert.equal((await gatehouse(['backup', '--out', backup, '--config', await configFile('source', {})])).code, 0);
      targetConfig = await configFile('target', {});
      target = await embedded('target');
      for (const [kind, id, value] of untouched) await target.putRecord(kind, id, value);
    });

    afterEach(async function () {
      await target.close();
    });

    const assertRefused = async (run: Run, message: RegExp): Promise<void> => {
      assert.equal(run.code, 1, run.out.join('\n'));
      assert.match(run.err.join('\n'), message);
      assert.deepEqual(await target.listRecords('directory.login'), [['carol', 'u-3']], 'the store is unchanged');
      assert.deepEqual(await target.listRecords('directory.user'), []);
    };
    const restore = (env: NodeJS.ProcessEnv = {}, config = targetConfig) => gatehouse(['restore', '--in', backup, '--replace', '--config', config], env);

    it('refuses a backup made under another cluster secret, and changes nothing', async function () {
      await writeFile(targetConfig, stringify({ dataDir: './target-data', secrets: { key: OTHER_SECRET }, audit: { sinks: [] } }));
      await assertRefused(await restore(), /was made under another cluster secret \(key id [0-9a-f]{16}, this cluster's is [0-9a-f]{16}\)/);
    });

    it('refuses a backup with a damaged byte, and changes nothing', async function () {
      const bytes = await readFile(backup);
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      await writeFile(backup, bytes);
      await assertRefused(await restore(), /is damaged: its checksum does not match/);
    });

    it('refuses a backup that was cut off, and changes nothing', async function () {
      const bytes = await readFile(backup);
      await writeFile(backup, bytes.subarray(0, bytes.length - 100));
      await assertRefused(await restore(), /is damaged/);
    });

    it('refuses a backup altered by someone who also fixed its checksum, and changes nothing', async function () {
      const bytes = await readFile(backup);
      const trailer = '\nSHA256 '.length + 64 + 1;
      bytes[bytes.length - trailer - 30]! ^= 0x01;
      const body = bytes.subarray(0, bytes.length - trailer);
      await writeFile(backup, Buffer.concat([body, Buffer.from(`\nSHA256 ${createHash('sha256').update(body).digest('hex')}\n`)]));
      await assertRefused(await restore(), /cannot be decrypted: it was altered/);
    });

    it('refuses a file that is not a backup, and changes nothing', async function () {
      await writeFile(backup, 'policies:\n  - name: not a backup\n');
      await assertRefused(await restore(), /is not a Gatehouse backup/);
    });

    it('refuses to restore without a cluster secret, and makes none up', async function () {
      const noSecret = join(dir, 'no-secret.yaml');
      await writeFile(noSecret, stringify({ dataDir: './target-data', audit: { sinks: [] } }));
      await assertRefused(await restore({}, noSecret), /no cluster secret: set secrets.key or GATEHOUSE_SECRET_KEY/);
      assert.equal(existsSync(join(dir, 'target-data', 'secret.key')), false);
    });
  });

  it('says how to use backup and restore when an option is missing', async function () {
    const backup = await gatehouse(['backup']);
    assert.equal(backup.code, 2);
    assert.match(backup.err[0]!, /--out FILE is required/);
    const restore = await gatehouse(['restore', '--in']);
    assert.equal(restore.code, 2);
  });
});
