import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedisStore, StoreUnavailableError, type RedisStore } from '../../../src/store/index.js';
import { redisCommand } from '../../helpers/redis-command.js';
import type { RedisServer } from '../../helpers/redis-server.js';
import { startRedisSentinel, type RedisSentinelSetup } from '../../helpers/redis-sentinel.js';

/** Retries `check` until it passes; the test's own timeout is the only limit. */
async function eventually<T>(check: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await check();
    } catch {
      await sleep(200);
    }
  }
}

describe('the redis store through Redis Sentinel', function () {
  this.timeout(90_000);
  let setup: RedisSentinelSetup;
  const opened: RedisStore[] = [];
  const open = async (waitForReplicas: number): Promise<RedisStore> => {
    const store = await createRedisStore({ sentinels: [setup.sentinel], name: setup.name, prefix: 'gh:', waitForReplicas });
    opened.push(store);
    return store;
  };
  /** The server Sentinel names as master now, and the other one. */
  const roles = async (): Promise<{ master: RedisServer; replica: RedisServer }> => {
    const port = await setup.currentMasterPort();
    return port === setup.master.port ? { master: setup.master, replica: setup.replica } : { master: setup.replica, replica: setup.master };
  };
  const sentinelPort = (): number => Number(setup.sentinel.split(':')[1]);
  const onServer = (server: RedisServer, kind: string, id: string) => redisCommand(server.port, 'HGET', `gh:{rec}:r:${kind}`, id);

  before(async function () {
    setup = await startRedisSentinel();
  });

  after(async function () {
    await Promise.all(opened.map((store) => store.close()));
    await setup?.stop();
  });

  it('finds the master through Sentinel and writes to it', async function () {
    const store = await open(0);
    await store.putRecord('directory.login', 'alice', 'u-1');
    assert.equal(await onServer((await roles()).master, 'directory.login', 'alice'), '"u-1"');
  });

  it('with waitForReplicas, acknowledges a durable write only once a replica has it', async function () {
    const store = await open(1);
    await store.putRecord('directory.login', 'bob', 'u-2');
    assert.equal(await onServer((await roles()).replica, 'directory.login', 'bob'), '"u-2"');
  });

  it('with waitForReplicas, loses no acknowledged write in a failover in which the old master stays up', async function () {
    const store = await open(1);
    const before = await roles();
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let index = 0; writing; index += 1) {
        try {
          await store.putRecord('mfa.totp.registration', `during-${index}`, { index });
          acknowledged.push(`during-${index}`);
        } catch (error) {
          assert.ok(error instanceof StoreUnavailableError, String(error));
          await sleep(50);
        }
      }
    })();
    await eventually(async () => assert.ok(acknowledged.length >= 20));
    await redisCommand(sentinelPort(), 'SENTINEL', 'FAILOVER', setup.name);
    await eventually(async () => assert.equal(await setup.currentMasterPort(), before.replica.port));
    const atSwitch = acknowledged.length;
    await eventually(async () => assert.ok(acknowledged.length >= atSwitch + 20, 'writes go on after the failover'));
    writing = false;
    await writer;

    const records = new Map(await store.listRecords('mfa.totp.registration'));
    for (const id of acknowledged) assert.ok(records.has(id), `${id} was acknowledged and is lost`);
    const last = acknowledged.at(-1)!;
    assert.equal(await onServer(before.replica, 'mfa.totp.registration', last), JSON.stringify({ index: Number(last.split('-')[1]) }), 'the new master has them');
  });

  it('serves again by itself once Sentinel has promoted the replica of a killed master, with what the replica had', async function () {
    const store = await open(0);
    const before = await roles();
    await store.putRecord('directory.login', 'carol', 'u-3');
    await eventually(async () => assert.equal(await onServer(before.replica, 'directory.login', 'carol'), '"u-3"'));
    await before.master.kill();

    await eventually(async () => assert.equal(await setup.currentMasterPort(), before.replica.port));
    await eventually(() => store.putRecord('directory.login', 'dave', 'u-4'));
    assert.equal(await store.getRecord('directory.login', 'carol'), 'u-3');
    assert.equal(await onServer(before.replica, 'directory.login', 'dave'), '"u-4"');
  });
});
