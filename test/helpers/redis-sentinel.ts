import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startManagedService } from './managed-service.js';
import { redisCommand } from './redis-command.js';
import { startRedis, type RedisServer } from './redis-server.js';
import { systemBinary } from './system-binary.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

/** A Redis master, one replica and one Sentinel watching them (quorum 1), each on a free loopback port. */
export interface RedisSentinelSetup {
  master: RedisServer;
  replica: RedisServer;
  /** host:port of the Sentinel, as `store.sentinels` takes it. */
  sentinel: string;
  /** The name Sentinel knows the master by (`store.name`). */
  name: string;
  /** Port of whichever server Sentinel names as master now. */
  currentMasterPort(): Promise<number>;
  stop(): Promise<void>;
}

export async function startRedisSentinel(name = 'gatehouse'): Promise<RedisSentinelSetup> {
  const master = await startRedis({ appendonly: true });
  const replica = await startRedis({ appendonly: true, extraArgs: ['--replicaof', '127.0.0.1', String(master.port)] });
  // Ready means replicating: the replica has synced and the master counts it.
  for (;;) {
    const replication = String(await redisCommand(replica.port, 'INFO', 'replication'));
    if (replication.includes('master_link_status:up')) break;
    await sleep(50);
  }
  const dir = await makeTempDir('gatehouse-sentinel-');
  const config = join(dir, 'sentinel.conf');
  const sentinel = await startManagedService({
    name: 'redis-sentinel',
    command: systemBinary('redis-server', 'redis-server'),
    cwd: dir,
    // Sentinel rewrites its config file, so it gets one of its own, written for the port it is started on.
    args: (port) => {
      writeFileSync(
        config,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${master.port} 1`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 5000`,
          '',
        ].join('\n'),
      );
      return [config, '--sentinel'];
    },
    ready: async (port) => (await redisCommand(port, 'PING')) === 'PONG',
  });
  return {
    master,
    replica,
    sentinel: `127.0.0.1:${sentinel.port}`,
    name,
    async currentMasterPort() {
      const [, port] = (await redisCommand(sentinel.port, 'SENTINEL', 'get-master-addr-by-name', name)) as [string, string];
      return Number(port);
    },
    async stop() {
      await sentinel.stop();
      await Promise.all([master.stop(), replica.stop()]);
      await removeTempDir(dir);
    },
  };
}
