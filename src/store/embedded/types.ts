/** A source of the current time in milliseconds; injected so TTLs can be tested with fake time. */
export interface Clock {
  now(): number;
}

/** Options of the embedded store. */
export interface EmbeddedStoreOptions {
  /** Directory of the durable record log; created (mode 0700) when missing. */
  dataDir: string;
  /** Time source for TTLs; defaults to Date.now. */
  clock?: Clock;
  /** How often expired ephemeral values are purged in the background (default 60 s). */
  sweepIntervalMs?: number;
  /** When the record log is rewritten: it is larger than minBytes AND more than ratio x the live data. */
  compaction?: { minBytes?: number; ratio?: number };
}
