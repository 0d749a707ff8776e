import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigInput } from '../../../src/config/index.js';
import { EmbeddedDirectory } from '../../../src/directory/index.js';
import { createRedisStore } from '../../../src/store/index.js';
import { startGatehouseProcess, type GatehouseProcess } from '../../helpers/gatehouse-process.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../helpers/round-robin-proxy.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';
import { TEST_CLIENT, TEST_REDIRECT_URI } from '../../helpers/test-gatehouse.js';

/** Several Gatehouse processes behind a round-robin load balancer, sharing one Redis, keys dir, secret and policy file. */
export interface TestCluster {
  redis: RedisServer;
  proxy: RoundRobinProxy;
  nodes: GatehouseProcess[];
  /** The policy file every node watches. */
  policyFile: string;
  addUser(login: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(size: number): Promise<TestCluster> {
  const dir = await makeTempDir('gatehouse-cluster-');
  const redis = await startRedis({ appendonly: true });
  const proxy = await startRoundRobinProxy();
  const policyFile = join(dir, 'policies.yaml');
  await writeFile(policyFile, 'policies: []\n');
  const shared: ConfigInput = {
    issuer: proxy.url,
    secrets: { key: 'multinode-test-secret-0123456789abcdef' },
    keys: { dir: join(dir, 'certs') },
    store: { type: 'redis', url: redis.url },
    policies: policyFile,
    relyingParties: [{ type: 'oidc', id: TEST_CLIENT.id, name: 'Test App', clientSecret: TEST_CLIENT.secret, redirectUris: [TEST_REDIRECT_URI] }],
    audit: { sinks: [], personalFields: true },
    log: { level: 'warn' },
  };
  const nodes: GatehouseProcess[] = [];
  try {
    // One after another: the first generates the signing keys the others then read.
    for (let index = 0; index < size; index += 1) {
      const name = `node-${index}`;
      nodes.push(await startGatehouseProcess(name, join(dir, `${name}.yaml`), { ...shared, dataDir: join(dir, name) }));
    }
  } catch (error) {
    await Promise.all(nodes.map((node) => node.kill()));
    await proxy.close();
    await redis.stop();
    throw error;
  }
  proxy.setNodes(nodes.map((node) => node.url));

  return {
    redis,
    proxy,
    nodes,
    policyFile,
    async addUser(login, password) {
      const store = await createRedisStore({ url: redis.url });
      try {
        await new EmbeddedDirectory(store).addUser({ login, password });
      } finally {
        await store.close();
      }
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
      await proxy.close();
      await redis.stop();
      await removeTempDir(dir);
    },
  };
}
