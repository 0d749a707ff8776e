import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisStoreOptions } from './types.js';

/** A standalone (or Sentinel-managed) connection, or a cluster: both speak the same commands. */
export type RedisClient = Redis | Cluster;

/** Reconnect quickly and forever: service resumes by itself, within a second of Redis coming back. */
const reconnectDelay = (attempt: number): number => Math.min(50 * 2 ** Math.min(attempt, 5), 1_000);

/**
 * Builds the client the options ask for. Commands fail fast while Redis is unreachable instead of queueing: no
 * offline queue, no resend of a command after the connection dropped (its fate is unknown; the caller sees an error
 * and the person retries), and a timeout on every command.
 */
export function createRedisClient(options: RedisStoreOptions): RedisClient {
  const common: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    autoResubscribe: true,
    enableAutoPipelining: true,
    commandTimeout: options.commandTimeoutMs ?? 2_000,
    connectTimeout: Math.min(options.connectTimeoutMs ?? 10_000, 5_000),
    retryStrategy: reconnectDelay,
    // A master demoted to replica (a Sentinel failover while it stayed up) answers writes with READONLY:
    // reconnect, which asks Sentinel for the master again.
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 1 : false),
    ...(options.password ? { password: options.password } : {}),
  };
  if (options.cluster?.length) {
    const clusterOptions: ClusterOptions = {
      lazyConnect: true,
      enableOfflineQueue: false,
      clusterRetryStrategy: reconnectDelay,
      redisOptions: { ...common, lazyConnect: undefined, ...(options.cluster.some((node) => node.startsWith('rediss://')) ? { tls: {} } : {}) },
    };
    return new Cluster(options.cluster.map(parseNode), clusterOptions);
  }
  if (options.sentinels?.length) {
    return new Redis({
      ...common,
      sentinels: options.sentinels.map((address) => parseHostPort(address, 26_379)),
      name: options.name,
      sentinelRetryStrategy: reconnectDelay,
      // Hears Sentinel announce a new master at once, instead of on the next connection error.
      failoverDetector: true,
    });
  }
  if (!options.url) throw new Error('store: give url, sentinels with name, or cluster');
  return new Redis(options.url, common);
}

/** "host:port", or "[v6 address]:port"; the port defaults to `defaultPort`. */
export function parseHostPort(address: string, defaultPort: number): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(address.trim());
  if (!match) throw new Error(`"${address}" is not host:port`);
  return { host: (match[1] ?? match[2])!, port: match[3] ? Number(match[3]) : defaultPort };
}

/** A cluster seed: redis://host:port, or host:port. */
function parseNode(address: string): { host: string; port: number } {
  return parseHostPort(address.replace(/^rediss?:\/\//, '').replace(/\/.*$/, ''), 6_379);
}

/** A second connection with the same options (subscriptions need a connection of their own). */
export function duplicateClient(client: RedisClient): RedisClient {
  return client instanceof Cluster ? client.duplicate() : client.duplicate();
}
