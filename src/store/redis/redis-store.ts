import { checkStep, checkTtl } from '../embedded/check-arguments.js';
import { fromJson, toJson } from '../embedded/json-copy.js';
import { createRedisClient, duplicateClient, type RedisClient } from './connect-redis.js';
import { describeTarget } from './describe-target.js';
import { RedisKeys } from './redis-keys.js';
import { RedisPubSub } from './redis-pubsub.js';
import { RedisRecords } from './redis-records.js';
import { defineScripts } from './redis-scripts.js';
import { isUnavailable, StoreUnavailableError } from './store-unavailable-error.js';
import type { RedisStore, RedisStoreOptions, StoreLogger } from './types.js';
import { waitUntilReady } from './wait-until-ready.js';

const silent: StoreLogger = { warn: () => undefined, info: () => undefined };

/**
 * The Store on Redis, shared by every node of a cluster (key layout: redis-keys.ts). Values cross as JSON text, as
 * in the embedded store, so both behave alike. Every call fails fast with StoreUnavailableError while Redis is
 * unreachable (the HTTP layer answers 503), and the store reconnects by itself. Needs Redis 6.2 or later.
 *
 * Resolves once connected; rejects when Redis cannot be reached within connectTimeoutMs.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const logger = options.logger ?? silent;
  const keys = new RedisKeys(options.prefix ?? 'gh:');
  const target = describeTarget(options);
  const client = defineScripts(createRedisClient(options));
  const subscriber = duplicateClient(client);
  watchConnection(client, target, logger);
  watchConnection(subscriber, `${target} (subscriptions)`, logger);
  try {
    await Promise.all([client, subscriber].map((connection) => waitUntilReady(connection, options.connectTimeoutMs ?? 10_000)));
  } catch (error) {
    client.disconnect();
    subscriber.disconnect();
    throw new Error(`cannot reach Redis at ${target}: ${(error as Error).message}`);
  }

  if ((options.sentinels?.length || options.cluster?.length) && !options.waitForReplicas) {
    logger.warn({ redis: target }, 'store.waitForReplicas is 0: a failover can lose durable writes the old master acknowledged (docs/operations.md)');
  }
  const commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
  // WAIT gives up a little before the command timeout would, so a missing replica reads as such.
  const records = new RedisRecords(client, keys, { count: options.waitForReplicas ?? 0, timeoutMs: Math.max(100, commandTimeoutMs - 250) });
  const pubsub = new RedisPubSub(subscriber, keys, (channel, error) => {
    logger.warn({ channel, err: error }, 'a store subscriber threw');
  });
  let closed = false;

  /** Runs one Redis call; connection trouble becomes StoreUnavailableError, other errors pass unchanged. */
  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    if (closed) throw new Error('the redis store is closed');
    try {
      return await call();
    } catch (error) {
      throw isUnavailable(error) ? new StoreUnavailableError(error) : error;
    }
  };
  const parsed = <T>(json: string | null | undefined): T | undefined => (json == null ? undefined : fromJson<T>(json));
  const px = (ttlMs: number): number => {
    checkTtl(ttlMs);
    return Math.max(1, Math.ceil(ttlMs));
  };

  return {
    async get<T>(key: string) {
      return parsed<T>(await run(() => client.get(keys.value(key))));
    },
    async set(key, value, ttlMs) {
      const json = toJson(value);
      const ttl = px(ttlMs);
      await run(() => client.set(keys.value(key), json, 'PX', ttl));
    },
    async setIfAbsent(key, value, ttlMs) {
      const json = toJson(value);
      const ttl = px(ttlMs);
      return (await run(() => client.set(keys.value(key), json, 'PX', ttl, 'NX'))) === 'OK';
    },
    async take<T>(key: string) {
      return parsed<T>(await run(() => client.getdel(keys.value(key))));
    },
    async delete(key) {
      // Two commands, not one DEL of two keys: in a cluster the two keys may sit in different slots.
      await run(() => Promise.all([client.del(keys.value(key)), client.del(keys.set(key))]));
    },
    async increment(key, ttlMs, by = 1) {
      const ttl = px(ttlMs);
      checkStep(by);
      try {
        return await run(() => client.ghIncrement(keys.value(key), by, ttl));
      } catch (error) {
        if (error instanceof Error && /not an integer|out of range/.test(error.message)) {
          throw new TypeError(`the value at "${key}" is not a counter`);
        }
        throw error;
      }
    },
    async addToSet(key, member, ttlMs) {
      const ttl = px(ttlMs);
      await run(() => client.ghAddToSet(keys.set(key), member, ttl));
    },
    async setMembers(key) {
      return run(() => client.smembers(keys.set(key)));
    },
    async publish(channel, message) {
      await run(() => client.ghPublish(keys.channel(channel), message));
    },
    async subscribe(channel, onMessage) {
      const unsubscribe = await run(() => pubsub.subscribe(channel, onMessage));
      return unsubscribe;
    },
    async putRecord(kind, id, value) {
      const json = toJson(value);
      await run(() => records.put(kind, id, json));
    },
    async getRecord<T>(kind: string, id: string) {
      return parsed<T>(await run(() => records.get(kind, id)));
    },
    async deleteRecord(kind, id) {
      await run(() => records.delete(kind, id));
    },
    async listRecords<T>(kind: string) {
      const entries = await run(() => records.list(kind));
      return entries.map(([id, json]): [string, T] => [id, fromJson<T>(json)]);
    },
    async countRecords() {
      return run(() => records.count());
    },
    async *snapshotRecords() {
      if (closed) throw new Error('the redis store is closed');
      try {
        yield* records.snapshot();
      } catch (error) {
        throw isUnavailable(error) ? new StoreUnavailableError(error) : error;
      }
    },
    async replaceRecords(entries) {
      // A failure of the source (a damaged backup) is reported as itself, not as Redis being unavailable.
      let sourceFailure: { error: unknown } | undefined;
      async function* source() {
        try {
          yield* entries();
        } catch (error) {
          sourceFailure = { error };
          throw error;
        }
      }
      try {
        return await run(() => records.replace(source()));
      } catch (error) {
        throw sourceFailure ? sourceFailure.error : error;
      }
    },
    async ping() {
      await run(() => client.ping());
    },
    async close() {
      if (closed) return;
      closed = true;
      pubsub.clear();
      await Promise.all([client, subscriber].map(quitOrDisconnect));
    },
  };
}

/** Logs a lost connection once per outage (not on every reconnect attempt) and its return. */
function watchConnection(connection: RedisClient, target: string, logger: StoreLogger): void {
  let up = false;
  let everUp = false;
  connection.on('ready', () => {
    if (everUp && !up) logger.info({ redis: target }, 'connected to Redis again');
    up = true;
    everUp = true;
  });
  connection.on('error', (error: Error) => {
    if (!up) return;
    up = false;
    logger.warn({ redis: target, err: error.message }, 'lost the connection to Redis; reconnecting');
  });
  connection.on('end', () => {
    up = false;
  });
}

async function quitOrDisconnect(connection: RedisClient): Promise<void> {
  if (connection.status === 'ready') {
    const quit = connection.quit().catch(() => undefined);
    const late = new Promise((resolve) => setTimeout(resolve, 1_000).unref());
    await Promise.race([quit, late]);
  }
  connection.disconnect();
}
