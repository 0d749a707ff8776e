import { createRedisStore } from '../../src/store/index.js';
import { redisCommand } from '../../test/helpers/redis-command.js';
import type { RedisServer } from '../../test/helpers/redis-server.js';
import { PROFILES, type Profile } from './enrolled-user.js';
import { fillUsers } from './fill-users.js';

export interface MemoryResult {
  profile: Profile;
  label: string;
  users: number;
  bytesPerUser: number;
  jsonBytesPerUser: number;
  /** used_memory after filling, extrapolated to a million users. */
  gbPerMillion: number;
}

async function usedMemory(redis: RedisServer): Promise<number> {
  const info = String(await redisCommand(redis.port, 'INFO', 'memory'));
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

/** Redis's used_memory per enrolled user, for each profile, each measured alone on an emptied Redis. */
export async function measureMemory(redis: RedisServer, users: number, log: (line: string) => void): Promise<MemoryResult[]> {
  const results: MemoryResult[] = [];
  for (const { id, label } of PROFILES) {
    await redisCommand(redis.port, 'FLUSHALL');
    const store = await createRedisStore({ url: redis.url });
    try {
      await store.putRecord('warm-up', 'x', 1);
      await store.deleteRecord('warm-up', 'x');
      const before = await usedMemory(redis);
      log(`  memory: ${users.toLocaleString('en')} users, ${label}`);
      const jsonBytes = await fillUsers(store, id, 0, users);
      const after = await usedMemory(redis);
      const bytesPerUser = (after - before) / users;
      results.push({ profile: id, label, users, bytesPerUser, jsonBytesPerUser: jsonBytes / users, gbPerMillion: (bytesPerUser * 1_000_000) / 1024 ** 3 });
    } finally {
      await store.close();
    }
  }
  await redisCommand(redis.port, 'FLUSHALL');
  return results;
}
