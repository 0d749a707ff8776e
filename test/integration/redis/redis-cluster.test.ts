import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRedisStore, type RecordEntry } from '../../../src/store/index.js';
import { redisCommand } from '../../helpers/redis-command.js';
import { startRedisCluster, type RedisClusterSetup } from '../../helpers/redis-cluster.js';
import { describeStoreContract } from '../../helpers/store-contract.js';

describe('the redis store on a Redis Cluster', function () {
  this.timeout(60_000);
  let cluster: RedisClusterSetup;

  before(async function () {
    cluster = await startRedisCluster(3);
  });

  after(async function () {
    await cluster?.stop();
  });

  describeStoreContract('the redis store on a three-master cluster', async () => {
    const store = await createRedisStore({ cluster: cluster.urls, prefix: `c${randomBytes(6).toString('hex')}:` });
    return { store, cleanup: () => store.close() };
  });

  it('spreads ephemeral keys over the masters and keeps the durable records together, so backup and restore work', async function () {
    const store = await createRedisStore({ cluster: cluster.urls, prefix: 'spread:' });
    try {
      for (let index = 0; index < 60; index += 1) await store.set(`tx:${index}`, index, 60_000);
      for (let index = 0; index < 30; index += 1) await store.putRecord(`kind-${index % 3}`, `id-${index}`, { index });
      const sizes = await Promise.all(cluster.nodes.map(async (node) => Number(await redisCommand(node.port, 'DBSIZE'))));
      assert.ok(sizes.every((size) => size > 0), `keys per master: ${sizes.join(', ')}`);

      const snapshot: RecordEntry[] = [];
      for await (const entry of store.snapshotRecords()) snapshot.push(entry);
      assert.equal(snapshot.length, 30);
      async function* swapped(): AsyncIterable<RecordEntry> {
        yield { kind: 'kind-0', id: 'only', json: '1' };
      }
      assert.equal(await store.replaceRecords(swapped), 1);
      assert.equal(await store.countRecords(), 1);
      assert.deepEqual(await store.listRecords('kind-0'), [['only', 1]]);
    } finally {
      await store.close();
    }
  });
});
