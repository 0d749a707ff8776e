import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { redisCommand } from '../../helpers/redis-command.js';
import { startRedis } from '../../helpers/redis-server.js';
import type { RedisServer } from '../../helpers/redis-server.js';

describe('the redis-server harness', () => {
  let redis: RedisServer | undefined;

  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('starts redis-server on a loopback port that answers PING', async () => {
    redis = await startRedis();
    assert.equal(redis.url, `redis://127.0.0.1:${redis.port}`);
    assert.equal(await redisCommand(redis.port, 'PING'), 'PONG');
  });

  it('keeps a key across a graceful restart on the same port when appendonly is on', async () => {
    redis = await startRedis({ appendonly: true });
    const firstPid = redis.pid;
    assert.equal(await redisCommand(redis.port, 'SET', 'gatehouse:test', 'kept'), 'OK');
    await redis.restart();
    assert.notEqual(redis.pid, firstPid);
    assert.equal(await redisCommand(redis.port, 'GET', 'gatehouse:test'), 'kept');
  });

  it('keeps an acknowledged write through kill -9 when every write is synced', async () => {
    redis = await startRedis({ appendonly: true, extraArgs: ['--appendfsync', 'always'] });
    assert.equal(await redisCommand(redis.port, 'SET', 'gatehouse:test', 'synced'), 'OK');
    await redis.kill();
    await assert.rejects(redisCommand(redis.port, 'PING'));
    await redis.restart();
    assert.equal(await redisCommand(redis.port, 'GET', 'gatehouse:test'), 'synced');
  });

  it('forgets keys across a restart when appendonly is off', async () => {
    redis = await startRedis();
    await redisCommand(redis.port, 'SET', 'gatehouse:test', 'gone');
    await redis.restart();
    assert.equal(await redisCommand(redis.port, 'GET', 'gatehouse:test'), null);
  });

  it('gives each server its own port and dir, and removes the dir on stop', async () => {
    redis = await startRedis();
    const other = await startRedis();
    try {
      assert.notEqual(other.port, redis.port);
      assert.notEqual(other.dir, redis.dir);
    } finally {
      await other.stop();
    }
    assert.equal(other.pid, undefined);
    assert.equal(existsSync(other.dir), false);
    await assert.rejects(redisCommand(other.port, 'PING'));
  });
});
