import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import type { Store } from '../types.js';
import { fromJson, toJson } from './json-copy.js';
import { LocalPubSub } from './local-pubsub.js';
import { MemoryMap } from './memory-map.js';
import { RecordLog } from './record-log.js';
import type { Clock, EmbeddedStoreOptions } from './types.js';

const systemClock: Clock = { now: () => Date.now() };

/**
 * The single-node Store: ephemeral values and pub/sub in this process's memory, durable records in an
 * append-only log in `dataDir` that other processes (the `gatehouse` CLI) may write at the same time.
 *
 * Values are stored as JSON copies: `get`/`take`/`getRecord`/`listRecords` never return the object that was
 * passed in, so mutating either side cannot change what is stored. Values must therefore be JSON-serialisable
 * (`undefined`, functions and symbols are refused; Dates come back as strings, as they would from Redis).
 *
 * Ephemeral values and pub/sub are not shared between processes: a cluster or a CLI that must reach a running
 * node's transactions needs the Redis store.
 */
export async function createEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const clock = options.clock ?? systemClock;
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const records = await RecordLog.open(options.dataDir, {
    minBytes: options.compaction?.minBytes ?? 1024 * 1024,
    ratio: options.compaction?.ratio ?? 2,
  });
  const memory = new MemoryMap(clock);
  const channels = new LocalPubSub();
  const sweeper = setInterval(() => memory.sweep(), options.sweepIntervalMs ?? 60_000);
  sweeper.unref();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new Error('the embedded store is closed');
  };
  const parsed = <T>(json: string | undefined): T | undefined => (json === undefined ? undefined : fromJson<T>(json));

  return {
    async get<T>(key: string) {
      ensureOpen();
      return parsed<T>(memory.get(key));
    },
    async set(key, value, ttlMs) {
      ensureOpen();
      memory.set(key, toJson(value), ttlMs);
    },
    async setIfAbsent(key, value, ttlMs) {
      ensureOpen();
      return memory.setIfAbsent(key, toJson(value), ttlMs);
    },
    async take<T>(key: string) {
      ensureOpen();
      return parsed<T>(memory.take(key));
    },
    async delete(key) {
      ensureOpen();
      memory.delete(key);
    },
    async increment(key, ttlMs, by = 1) {
      ensureOpen();
      return memory.increment(key, ttlMs, by);
    },
    async addToSet(key, member, ttlMs) {
      ensureOpen();
      memory.addToSet(key, member, ttlMs);
    },
    async setMembers(key) {
      ensureOpen();
      return memory.setMembers(key);
    },
    async publish(channel, message) {
      ensureOpen();
      channels.publish(channel, message);
    },
    async subscribe(channel, onMessage) {
      ensureOpen();
      const unsubscribe = channels.subscribe(channel, onMessage);
      return async () => unsubscribe();
    },
    async putRecord(kind, id, value) {
      ensureOpen();
      await records.write({ kind, id, json: toJson(value) });
    },
    async getRecord<T>(kind: string, id: string) {
      ensureOpen();
      return parsed<T>(await records.read((table) => table.get(kind, id)));
    },
    async deleteRecord(kind, id) {
      ensureOpen();
      await records.write({ kind, id, json: null });
    },
    async listRecords<T>(kind: string) {
      ensureOpen();
      const entries = await records.read((table) => table.list(kind));
      return entries.map(([id, json]): [string, T] => [id, fromJson<T>(json)]);
    },
    async ping() {
      ensureOpen();
      await access(options.dataDir, constants.R_OK | constants.W_OK);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweeper);
      channels.clear();
      memory.clear();
      await records.close();
    },
  };
}
