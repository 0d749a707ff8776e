import { randomBytes } from 'node:crypto';
import { createRedisStore } from '../../../src/store/redis/index.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { describeStoreContract } from '../../helpers/store-contract.js';

describe('the redis store (contract)', function () {
  let redis: RedisServer;

  before(async function () {
    redis = await startRedis();
  });

  after(async function () {
    await redis?.stop();
  });

  // Each test gets a fresh prefix on the one server: an empty store, as the contract asks, without FLUSHALL.
  describeStoreContract('the redis store', async () => {
    const store = await createRedisStore({ url: redis.url, prefix: `t${randomBytes(6).toString('hex')}:` });
    return { store, cleanup: () => store.close() };
  });
});
