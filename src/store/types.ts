/**
 * The Store is the only place Gatehouse keeps state, so that any node can continue any sign-in.
 *
 * Two kinds of data live in it:
 * - ephemeral values (sign-in transactions, oidc-provider models, replay caches, counters) that expire by TTL;
 * - durable records (users of the embedded directory, MFA registrations, devices, lockout history) that never
 *   expire and survive a crash: once a `putRecord` promise resolves, the record is on disk (or in Redis with AOF).
 */
export interface Store {
  /** Reads an ephemeral value; undefined when absent or expired. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Writes an ephemeral value that expires after ttlMs. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** Writes only when the key is absent; true when this call wrote it (replay caches, one-time nonces). */
  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  /** Reads and deletes in one atomic step: of two concurrent takers exactly one gets the value. */
  take<T = unknown>(key: string): Promise<T | undefined>;
  /** Deletes an ephemeral value (and a set of the same key). */
  delete(key: string): Promise<void>;
  /** Atomically adds `by` (default 1) and returns the new value; the TTL is set when the counter is created. */
  increment(key: string, ttlMs: number, by?: number): Promise<number>;
  /** Adds a member to a set that expires after ttlMs (the TTL is extended on every add). */
  addToSet(key: string, member: string, ttlMs: number): Promise<void>;
  /** The members of a set; empty when absent. */
  setMembers(key: string): Promise<string[]>;

  /** Publishes a message to every subscriber of the channel, on every node. */
  publish(channel: string, message: string): Promise<void>;
  /** Subscribes to a channel; the returned function unsubscribes. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;

  /** Writes a durable record; resolves only once it is safe from a crash. */
  putRecord(kind: string, id: string, value: unknown): Promise<void>;
  /** Reads a durable record, undefined when absent. */
  getRecord<T = unknown>(kind: string, id: string): Promise<T | undefined>;
  /** Deletes a durable record; resolves once the deletion is safe from a crash. */
  deleteRecord(kind: string, id: string): Promise<void>;
  /** Every durable record of a kind, as [id, value] pairs. */
  listRecords<T = unknown>(kind: string): Promise<Array<[string, T]>>;

  /** Resolves when the store is reachable; rejects otherwise (used by /readyz). */
  ping(): Promise<void>;
  /** Releases connections, timers and file handles. */
  close(): Promise<void>;
}
