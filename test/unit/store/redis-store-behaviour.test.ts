import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedisStore, StoreUnavailableError, type RecordEntry, type RedisStore } from '../../../src/store/index.js';
import { freePort } from '../../helpers/free-port.js';
import { redisCommand } from '../../helpers/redis-command.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';

/** Polls until `check` resolves, for up to `seconds`; fails with the last error after that. */
async function eventually(check: () => Promise<void>, seconds = 20): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

async function collect(entries: AsyncIterable<RecordEntry>): Promise<RecordEntry[]> {
  const all: RecordEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return all.sort((a, b) => `${a.kind}\0${a.id}`.localeCompare(`${b.kind}\0${b.id}`));
}

async function* from(entries: RecordEntry[]): AsyncIterable<RecordEntry> {
  yield* entries;
}

describe('the redis store', function () {
  let redis: RedisServer;
  const opened: RedisStore[] = [];
  const open = async (options: { prefix?: string; commandTimeoutMs?: number } = {}): Promise<RedisStore> => {
    const store = await createRedisStore({ url: redis.url, prefix: options.prefix ?? `t${randomBytes(6).toString('hex')}:`, ...options });
    opened.push(store);
    return store;
  };
  const keysIn = async (): Promise<string[]> => (await redisCommand(redis.port, 'KEYS', '*')) as string[];

  beforeEach(async function () {
    redis = await startRedis();
  });

  afterEach(async function () {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await redis.stop();
  });

  it('keeps every key under its prefix, so two deployments on one Redis do not see each other', async function () {
    const blue = await open({ prefix: 'blue:' });
    const green = await open({ prefix: 'green:' });
    const heard: string[] = [];
    await green.subscribe('news', (message) => heard.push(message));
    await blue.set('k', 'blue value', 60_000);
    await blue.addToSet('s', 'member', 60_000);
    await blue.increment('n', 60_000);
    await blue.putRecord('user', 'alice', { from: 'blue' });
    await blue.publish('news', 'blue news');
    await sleep(50);
    assert.equal(await green.get('k'), undefined);
    assert.deepEqual(await green.setMembers('s'), []);
    assert.equal(await green.getRecord('user', 'alice'), undefined);
    assert.deepEqual(await green.listRecords('user'), []);
    assert.deepEqual(heard, []);
    const keys = await keysIn();
    assert.ok(keys.length >= 4);
    assert.ok(keys.every((key) => key.startsWith('blue:')), keys.join(' '));
  });

  it('lays out values, sets and records as docs/operations.md says, with TTLs on the ephemeral ones only', async function () {
    const store = await open({ prefix: 'gh:' });
    await store.set('tx:1', { state: 'identify' }, 60_000);
    await store.addToSet('grant:1', 'member', 60_000);
    await store.putRecord('mfa.totp.registration', 'user-1', { sealedSecret: 'x' });
    assert.equal(await redisCommand(redis.port, 'GET', 'gh:v:tx:1'), '{"state":"identify"}');
    assert.deepEqual(await redisCommand(redis.port, 'SMEMBERS', 'gh:s:grant:1'), ['member']);
    assert.equal(await redisCommand(redis.port, 'HGET', 'gh:{rec}:r:mfa.totp.registration', 'user-1'), '{"sealedSecret":"x"}');
    assert.deepEqual(await redisCommand(redis.port, 'SMEMBERS', 'gh:{rec}:kinds'), ['mfa.totp.registration']);
    for (const key of ['gh:v:tx:1', 'gh:s:grant:1']) {
      const ttl = (await redisCommand(redis.port, 'PTTL', key)) as number;
      assert.ok(ttl > 0 && ttl <= 60_000, `${key} has TTL ${ttl}`);
    }
    assert.equal(await redisCommand(redis.port, 'PTTL', 'gh:{rec}:r:mfa.totp.registration'), -1);
    await store.deleteRecord('mfa.totp.registration', 'user-1');
    assert.deepEqual(await redisCommand(redis.port, 'SMEMBERS', 'gh:{rec}:kinds'), [], 'a kind without records leaves the kinds set');
  });

  it('refuses what the embedded store refuses: values that are not JSON, bad TTLs, and counting on a value that is not a counter', async function () {
    const store = await open();
    await assert.rejects(store.set('k', undefined, 1_000), TypeError);
    await assert.rejects(store.putRecord('user', 'x', () => 1), TypeError);
    await assert.rejects(store.set('k', 1, 0), RangeError);
    await assert.rejects(store.addToSet('k', 'm', Number.NaN), RangeError);
    await assert.rejects(store.increment('k', 1_000, 1.5), RangeError);
    await store.set('text', 'not a number', 1_000);
    await assert.rejects(store.increment('text', 1_000), TypeError);
  });

  it('fails every call at once with StoreUnavailableError while Redis is down, and works again by itself when it is back', async function () {
    const store = await open();
    const heard: string[] = [];
    await store.subscribe('changed', (message) => heard.push(message));
    await store.putRecord('user', 'alice', { v: 1 });
    await redis.kill();

    for (const call of [
      () => store.get('k'),
      () => store.set('k', 1, 1_000),
      () => store.take('k'),
      () => store.increment('k', 1_000),
      () => store.putRecord('user', 'bob', { v: 1 }),
      () => store.listRecords('user'),
      () => store.publish('changed', 'lost'),
      () => store.subscribe('other', () => undefined),
      () => store.ping(),
    ]) {
      await assert.rejects(call(), (error: unknown) => error instanceof StoreUnavailableError && error.status === 503);
    }

    await redis.restart();
    await eventually(() => store.ping());
    // The data did not survive (no persistence in this test), but the store and its subscription did.
    await store.set('k', 'back', 60_000);
    assert.equal(await store.get('k'), 'back');
    await eventually(async () => {
      await store.publish('changed', 'after the restart');
      await sleep(50);
      assert.ok(heard.includes('after the restart'));
    });
  });

  it('fails a command that gets no answer within the command timeout instead of waiting for ever', async function () {
    const store = await open({ commandTimeoutMs: 300 });
    await store.set('k', 1, 60_000);
    process.kill(redis.pid!, 'SIGSTOP');
    try {
      await assert.rejects(store.get('k'), StoreUnavailableError);
    } finally {
      process.kill(redis.pid!, 'SIGCONT');
    }
    await eventually(async () => assert.equal(await store.get('k'), 1));
  });

  it('says which Redis it could not reach at start-up, without the password', async function () {
    const port = await freePort();
    await assert.rejects(
      createRedisStore({ url: `redis://:hunter2@127.0.0.1:${port}`, connectTimeoutMs: 500 }),
      (error: Error) => error.message.startsWith(`cannot reach Redis at redis://127.0.0.1:${port}:`) && !error.message.includes('hunter2'),
    );
  });

  it('counts the records of every kind', async function () {
    const store = await open();
    assert.equal(await store.countRecords(), 0);
    await store.putRecord('a', '1', 1);
    await store.putRecord('a', '2', 2);
    await store.putRecord('b', '1', 3);
    assert.equal(await store.countRecords(), 3);
  });

  it('gives a snapshot of every record as it stood when the snapshot began, while writes go on', async function () {
    const store = await open({ prefix: 'snap:' });
    for (let index = 0; index < 1_200; index += 1) await store.putRecord(`kind-${index % 3}`, `id-${index}`, { index });
    const before = await collect(store.snapshotRecords());
    assert.equal(before.length, 1_200);

    const iterator = store.snapshotRecords()[Symbol.asyncIterator]();
    const first = await iterator.next();
    await store.putRecord('kind-0', 'late', { late: true });
    await store.deleteRecord('kind-1', 'id-1');
    await store.putRecord('new-kind', 'x', 1);
    const rest: RecordEntry[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value);
    const during = [first.value as RecordEntry, ...rest].sort((a, b) => `${a.kind}\0${a.id}`.localeCompare(`${b.kind}\0${b.id}`));
    assert.deepEqual(during, before);
    assert.deepEqual(
      (await keysIn()).filter((key) => key.includes(':snap:')),
      [],
      'the frozen copy is gone once read',
    );
  });

  it('replaces every record in one step and leaves no staging keys behind', async function () {
    const store = await open({ prefix: 'swap:' });
    await store.putRecord('old-kind', 'a', { old: true });
    await store.putRecord('shared', 'a', { old: true });
    await store.putRecord('shared', 'b', { old: true });
    const incoming: RecordEntry[] = [
      { kind: 'shared', id: 'a', json: '{"new":true}' },
      { kind: 'new-kind', id: 'z', json: '[1,2]' },
      ...Array.from({ length: 1_100 }, (_, index) => ({ kind: 'bulk', id: `r${index}`, json: String(index) })),
    ];
    assert.equal(await store.replaceRecords(() => from(incoming)), incoming.length);
    assert.equal(await store.getRecord('old-kind', 'a'), undefined);
    assert.deepEqual(await store.listRecords('shared'), [['a', { new: true }]]);
    assert.deepEqual(await store.getRecord('new-kind', 'z'), [1, 2]);
    assert.equal((await store.listRecords('bulk')).length, 1_100);
    assert.equal(await store.countRecords(), incoming.length);
    assert.deepEqual((await keysIn()).filter((key) => key.includes(':stage:')), []);
  });

  it('leaves the records as they were when a replacement fails part-way', async function () {
    const store = await open();
    await store.putRecord('user', 'alice', { v: 1 });
    async function* failing(): AsyncIterable<RecordEntry> {
      yield { kind: 'user', id: 'mallory', json: '{}' };
      throw new Error('the backup file ended early');
    }
    await assert.rejects(store.replaceRecords(failing), /ended early/);
    assert.deepEqual(await store.listRecords('user'), [['alice', { v: 1 }]]);
    assert.deepEqual((await keysIn()).filter((key) => key.includes(':stage:')), []);
  });
});
