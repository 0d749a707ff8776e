import type { RedisClient } from './connect-redis.js';

/**
 * The Lua scripts of the Redis store. Each runs atomically in Redis; every key it touches is passed in KEYS, and
 * the multi-key ones touch only `{rec}` keys (one cluster slot). ioredis sends them by SHA and reloads them after
 * a Redis restart emptied its script cache.
 */
const SCRIPTS = {
  /** Adds to a counter; the TTL is set only when the counter is created (a window, not a sliding expiry). */
  ghIncrement: {
    numberOfKeys: 1,
    lua: `
      local value = redis.call('INCRBY', KEYS[1], ARGV[1])
      if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
      return value`,
  },
  /** Adds a member and (re)sets the set's TTL. */
  ghAddToSet: {
    numberOfKeys: 1,
    lua: `
      redis.call('SADD', KEYS[1], ARGV[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return 1`,
  },
  /**
   * Publishes on the channel named by KEYS[1]. The channel is passed as a key only so that a cluster client sends
   * every message of one channel to the same master (the one owning its slot): a plain PUBLISH goes to any node,
   * and two messages entering the cluster bus at different nodes can reach a subscriber out of order.
   */
  ghPublish: {
    numberOfKeys: 1,
    lua: `return redis.call('PUBLISH', KEYS[1], ARGV[1])`,
  },
  /** KEYS: record hash, kinds set. ARGV: id, JSON, kind. */
  ghPutRecord: {
    numberOfKeys: 2,
    lua: `
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('SADD', KEYS[2], ARGV[3])
      return 1`,
  },
  /** KEYS: record hash, kinds set. ARGV: id, kind. A kind left without records leaves the kinds set. */
  ghDeleteRecord: {
    numberOfKeys: 2,
    lua: `
      if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 and redis.call('EXISTS', KEYS[1]) == 0 then
        redis.call('SREM', KEYS[2], ARGV[2])
      end
      return 1`,
  },
  /**
   * Freezes the records for a backup: copies every kind's hash as it is now. KEYS: kinds set, then for each kind
   * given in ARGV[2..] its hash and its copy. ARGV[1]: TTL of the copies (ms). Refuses (GATEHOUSE_STALE) when the
   * kinds changed since the caller read them, so nothing is missed; the caller reads them again and retries.
   */
  ghFreeze: {
    numberOfKeys: -1,
    lua: `
      local count = #ARGV - 1
      if redis.call('SCARD', KEYS[1]) ~= count then return redis.error_reply('GATEHOUSE_STALE kinds changed') end
      for i = 1, count do
        if redis.call('SISMEMBER', KEYS[1], ARGV[i + 1]) == 0 then return redis.error_reply('GATEHOUSE_STALE kinds changed') end
      end
      local total = 0
      for i = 1, count do
        redis.call('COPY', KEYS[2 * i], KEYS[2 * i + 1], 'REPLACE')
        redis.call('PEXPIRE', KEYS[2 * i + 1], ARGV[1])
        total = total + redis.call('HLEN', KEYS[2 * i])
      end
      return total`,
  },
  /**
   * Swaps a staged restore in. KEYS: kinds set; the hashes of the kinds in the kinds set now (ARGV says how many);
   * then for each new kind its staged hash and its hash. ARGV: number of old kinds, old kinds..., new kinds...
   * Refuses (GATEHOUSE_STALE) when the kinds changed since the caller read them. Returns how many records it swapped in.
   */
  ghSwapIn: {
    numberOfKeys: -1,
    lua: `
      local oldCount = tonumber(ARGV[1])
      if redis.call('SCARD', KEYS[1]) ~= oldCount then return redis.error_reply('GATEHOUSE_STALE kinds changed') end
      for i = 1, oldCount do
        if redis.call('SISMEMBER', KEYS[1], ARGV[1 + i]) == 0 then return redis.error_reply('GATEHOUSE_STALE kinds changed') end
      end
      local newCount = #ARGV - 1 - oldCount
      -- Checked before the first write: a script that fails half-way does not roll back.
      for i = 1, newCount do
        if redis.call('EXISTS', KEYS[1 + oldCount + 2 * i - 1]) == 0 then
          return redis.error_reply('GATEHOUSE_LOST a staged kind expired before the swap')
        end
      end
      for i = 1, oldCount do redis.call('DEL', KEYS[1 + i]) end
      redis.call('DEL', KEYS[1])
      local total = 0
      for i = 1, newCount do
        local staged = KEYS[1 + oldCount + 2 * i - 1]
        local target = KEYS[1 + oldCount + 2 * i]
        total = total + redis.call('HLEN', staged)
        redis.call('RENAME', staged, target)
        redis.call('PERSIST', target)
        redis.call('SADD', KEYS[1], ARGV[1 + oldCount + i])
      end
      return total`,
  },
} as const;

type Reply = Promise<unknown>;

/** The scripts as commands on the client. */
export interface ScriptCommands {
  ghIncrement(key: string, by: number, ttlMs: number): Promise<number>;
  ghAddToSet(key: string, member: string, ttlMs: number): Reply;
  ghPublish(channel: string, message: string): Reply;
  ghPutRecord(hash: string, kinds: string, id: string, json: string, kind: string): Reply;
  ghDeleteRecord(hash: string, kinds: string, id: string, kind: string): Reply;
  ghFreeze(keyCount: number, ...keysThenArgs: Array<string | number>): Promise<number>;
  ghSwapIn(keyCount: number, ...keysThenArgs: Array<string | number>): Promise<number>;
}

/** The write scripts queued on a pipeline. */
export interface ScriptPipeline {
  ghPutRecord(hash: string, kinds: string, id: string, json: string, kind: string): unknown;
  ghDeleteRecord(hash: string, kinds: string, id: string, kind: string): unknown;
  ghSwapIn(keyCount: number, ...keysThenArgs: Array<string | number>): unknown;
}

/** Registers the scripts on a client and returns it typed with them. */
export function defineScripts(client: RedisClient): RedisClient & ScriptCommands {
  for (const [name, { numberOfKeys, lua }] of Object.entries(SCRIPTS)) {
    client.defineCommand(name, numberOfKeys >= 0 ? { numberOfKeys, lua } : { lua });
  }
  return client as RedisClient & ScriptCommands;
}

/** A script refused because the set of kinds changed under it. */
export function isStale(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('GATEHOUSE_STALE');
}
