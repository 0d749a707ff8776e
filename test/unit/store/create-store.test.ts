import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../../../src/store/index.js';
import { startRedis } from '../../helpers/redis-server.js';

describe('createStore', function () {
  let dataDir: string;

  beforeEach(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-create-store-'));
  });

  afterEach(async function () {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('builds the embedded store, keeping its records in dataDir', async function () {
    const store = await createStore({ store: { type: 'embedded' }, dataDir });
    await store.putRecord('user', 'alice', { v: 1 });
    await store.close();
    const again = await createStore({ store: { type: 'embedded' }, dataDir });
    assert.deepEqual(await again.getRecord('user', 'alice'), { v: 1 });
    await again.close();
  });

  it('builds the redis store, sharing its records with every store on the same Redis and prefix', async function () {
    const redis = await startRedis();
    try {
      const config = { store: { type: 'redis' as const, url: redis.url, prefix: 'create:' }, dataDir };
      const first = await createStore(config);
      await first.putRecord('user', 'alice', { v: 1 });
      const second = await createStore(config);
      assert.deepEqual(await second.getRecord('user', 'alice'), { v: 1 });
      await Promise.all([first.close(), second.close()]);
    } finally {
      await redis.stop();
    }
  });
});
