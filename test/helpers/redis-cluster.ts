import { setTimeout as sleep } from 'node:timers/promises';
import { redisCommand } from './redis-command.js';
import { startRedis, type RedisServer } from './redis-server.js';

/** A Redis Cluster of `size` masters (no replicas) on free loopback ports, the 16384 slots split evenly. */
export interface RedisClusterSetup {
  nodes: RedisServer[];
  /** redis://127.0.0.1:PORT of every node, as `store.cluster` takes them. */
  urls: string[];
  stop(): Promise<void>;
}

export async function startRedisCluster(size = 3): Promise<RedisClusterSetup> {
  const nodes = await Promise.all(
    Array.from({ length: size }, () =>
      startRedis({ extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'] }),
    ),
  );
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    const share = Math.ceil(16_384 / size);
    for (const [index, node] of nodes.entries()) {
      const first = index * share;
      const last = Math.min(16_383, first + share - 1);
      await redisCommand(node.port, 'CLUSTER', 'ADDSLOTSRANGE', String(first), String(last));
    }
    for (const node of nodes.slice(1)) await redisCommand(nodes[0]!.port, 'CLUSTER', 'MEET', '127.0.0.1', String(node.port));
    for (const node of nodes) {
      for (;;) {
        const info = String(await redisCommand(node.port, 'CLUSTER', 'INFO'));
        if (info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${size}`)) break;
        await sleep(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, urls: nodes.map((node) => node.url), stop };
}
