import { randomBytes } from 'node:crypto';
import type { RedisClient } from './connect-redis.js';
import type { RedisKeys } from './redis-keys.js';
import { isStale, type ScriptCommands, type ScriptPipeline } from './redis-scripts.js';
import type { RecordEntry } from './types.js';

/** How long a backup's frozen copy or a restore's staged records live if the process dies half-way. */
const LEFTOVER_TTL_MS = 3_600_000;
const BATCH = 500;
const ATTEMPTS = 10;

/**
 * The durable records in Redis: one hash per kind (id -> JSON text) and a set of the kinds in use, written together
 * by one script so that the set never misses a kind that has records. Writes resolve once Redis has applied them;
 * how durable that is depends on Redis's persistence settings (docs/operations.md).
 */
export class RedisRecords {
  constructor(
    private readonly client: RedisClient & ScriptCommands,
    private readonly keys: RedisKeys,
    /** Replicas that must have a durable write before it is acknowledged (WAIT), and how long to wait for them. */
    private readonly replicas: { count: number; timeoutMs: number } = { count: 0, timeoutMs: 0 },
  ) {}

  async put(kind: string, id: string, json: string): Promise<void> {
    await this.write((commands) => commands.ghPutRecord(this.keys.records(kind), this.keys.kinds(), id, json, kind));
  }

  async get(kind: string, id: string): Promise<string | undefined> {
    return (await this.client.hget(this.keys.records(kind), id)) ?? undefined;
  }

  async delete(kind: string, id: string): Promise<void> {
    await this.write((commands) => commands.ghDeleteRecord(this.keys.records(kind), this.keys.kinds(), id, kind));
  }

  /**
   * Runs one write script. With replicas to wait for, WAIT follows it in the same pipeline (WAIT covers the writes
   * sent before it on the same connection), and fewer confirmations than asked throw NotReplicatedError.
   */
  private async write(queue: (commands: ScriptPipeline) => unknown): Promise<unknown> {
    if (this.replicas.count === 0) return queue(this.client as unknown as ScriptPipeline);
    const pipeline = this.client.pipeline();
    queue(pipeline as unknown as ScriptPipeline);
    pipeline.wait(this.replicas.count, this.replicas.timeoutMs);
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    const confirmed = Number(results.at(-1)?.[1] ?? 0);
    if (confirmed < this.replicas.count) throw new NotReplicatedError(confirmed, this.replicas.count);
    return results[0]?.[1];
  }

  async list(kind: string): Promise<Array<[string, string]>> {
    return Object.entries(await this.client.hgetall(this.keys.records(kind)));
  }

  async count(): Promise<number> {
    const kinds = await this.client.smembers(this.keys.kinds());
    const sizes = await Promise.all(kinds.map((kind) => this.client.hlen(this.keys.records(kind))));
    return sizes.reduce((sum, size) => sum + size, 0);
  }

  /**
   * Every record as of one instant: a script copies every kind's hash in one atomic step (Redis needs free memory
   * for that copy), then the copies are read out in batches while the live records go on changing.
   */
  async *snapshot(): AsyncGenerator<RecordEntry> {
    const operation = randomBytes(8).toString('hex');
    const kinds = await this.withFreshKinds(async (current) => {
      const keys = [this.keys.kinds(), ...current.flatMap((kind) => [this.keys.records(kind), this.keys.frozen(operation, kind)])];
      await this.client.ghFreeze(keys.length, ...keys, LEFTOVER_TTL_MS, ...current);
      return current;
    });
    try {
      for (const kind of kinds) {
        const frozen = this.keys.frozen(operation, kind);
        // HSCAN may repeat an entry; the frozen copy never changes, so keeping each id once is exact.
        const seen = new Set<string>();
        let cursor = '0';
        do {
          const [next, flat] = await this.client.hscan(frozen, cursor, 'COUNT', BATCH);
          for (let index = 0; index + 1 < flat.length; index += 2) {
            const id = flat[index]!;
            if (seen.has(id)) continue;
            seen.add(id);
            yield { kind, id, json: flat[index + 1]! };
          }
          cursor = next;
        } while (cursor !== '0');
      }
    } finally {
      await Promise.all(kinds.map((kind) => this.client.del(this.keys.frozen(operation, kind)))).catch(() => undefined);
    }
  }

  /**
   * Stages `entries` under temporary keys, then swaps them in for every record in one script: readers see all the
   * old records or all the new. Returns how many records are in place.
   */
  async replace(entries: AsyncIterable<RecordEntry>): Promise<number> {
    const operation = randomBytes(8).toString('hex');
    const staged = new Set<string>();
    try {
      let batch: RecordEntry[] = [];
      const flush = async (): Promise<void> => {
        const pipeline = this.client.pipeline();
        for (const { kind, id, json } of batch) {
          pipeline.hset(this.keys.staged(operation, kind), id, json);
          staged.add(kind);
        }
        for (const kind of new Set(batch.map((entry) => entry.kind))) pipeline.pexpire(this.keys.staged(operation, kind), LEFTOVER_TTL_MS);
        for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
        batch = [];
      };
      for await (const entry of entries) {
        batch.push(entry);
        if (batch.length >= BATCH) await flush();
      }
      if (batch.length > 0) await flush();
      const incoming = [...staged];
      return await this.withFreshKinds(async (current) => {
        const keys = [
          this.keys.kinds(),
          ...current.map((kind) => this.keys.records(kind)),
          ...incoming.flatMap((kind) => [this.keys.staged(operation, kind), this.keys.records(kind)]),
        ];
        return Number(await this.write((commands) => commands.ghSwapIn(keys.length, ...keys, current.length, ...current, ...incoming)));
      });
    } finally {
      await Promise.all([...staged].map((kind) => this.client.del(this.keys.staged(operation, kind)))).catch(() => undefined);
    }
  }

  /** Runs `job` with the kinds as they are now, again when a script found they changed in between. */
  private async withFreshKinds<T>(job: (kinds: string[]) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const kinds = await this.client.smembers(this.keys.kinds());
      try {
        return await job(kinds);
      } catch (error) {
        if (!isStale(error) || attempt === ATTEMPTS) throw error;
      }
    }
  }
}

/**
 * A durable write reached the master but not as many replicas as store.waitForReplicas asks within the time: it is
 * not acknowledged (it may or may not survive a failover). The store reports it as unavailable.
 */
export class NotReplicatedError extends Error {
  constructor(confirmed: number, wanted: number) {
    super(`the write reached ${confirmed} of the ${wanted} replica(s) it must reach before it is acknowledged`);
    this.name = 'NotReplicatedError';
  }
}
