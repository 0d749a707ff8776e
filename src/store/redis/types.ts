import type { Store } from '../types.js';

/** What the Redis store reports about its connection; the composition root passes pino. */
export interface StoreLogger {
  warn(object: object, message: string): void;
  info(object: object, message: string): void;
}

/**
 * Options of the Redis store: exactly one of `url`, `sentinels` with `name`, or `cluster` (the `store` config key).
 */
export interface RedisStoreOptions {
  /** redis://[user:password@]host:port[/db] or rediss:// for TLS. */
  url?: string;
  /** Sentinel addresses as host:port; `name` is the monitored master's name. */
  sentinels?: string[];
  name?: string;
  /** Cluster seed nodes as redis://host:port. */
  cluster?: string[];
  /** Password of the Redis nodes behind Sentinel or Cluster (with `url`, put it in the URL). */
  password?: string;
  /** Prefix of every key, so several deployments can share a Redis. Default "gh:". */
  prefix?: string;
  /**
   * Replicas a durable record write must reach (Redis WAIT) before it is acknowledged; 0 (default) acknowledges on
   * the master alone. With Sentinel and N replicas, N - 1 keeps writes possible while one replica is down.
   */
  waitForReplicas?: number;
  /** A command without an answer after this long fails (the request then gets a 503). Default 2000 ms. */
  commandTimeoutMs?: number;
  /** How long start-up waits for Redis before giving up. Default 10000 ms. */
  connectTimeoutMs?: number;
  logger?: StoreLogger;
}

/** One durable record as backup and restore move it: the value as JSON text. */
export interface RecordEntry {
  kind: string;
  id: string;
  json: string;
}

/**
 * Whole-dataset access to the durable records, for backup and restore. Both stores offer it (see src/backup).
 */
export interface DurableRecordAccess {
  /** How many durable records there are, over every kind. */
  countRecords(): Promise<number>;
  /** Every record as of one instant (a consistent snapshot), streamed. */
  snapshotRecords(): AsyncIterable<RecordEntry>;
  /** Replaces every durable record with `entries` in one atomic step: readers see the old set or the new, never a mix. */
  replaceRecords(entries: () => AsyncIterable<RecordEntry>): Promise<number>;
}

/** The Redis store: the Store contract plus whole-dataset access for backup and restore. */
export type RedisStore = Store & DurableRecordAccess;
