/** Rejects TTLs Redis would refuse too, so both stores fail the same way on the same mistake. */
export function checkTtl(ttlMs: number): void {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`a TTL must be a positive number of milliseconds (got ${ttlMs})`);
  }
}

/** Counters step by whole numbers only (Redis INCRBY semantics). */
export function checkStep(by: number): void {
  if (!Number.isSafeInteger(by)) {
    throw new RangeError(`a counter step must be a whole number (got ${by})`);
  }
}
