import lockfile from 'proper-lockfile';

/** A lock held this long without its heartbeat is taken to belong to a dead process (e.g. after kill -9). */
const STALE_MS = 10_000;

/**
 * Takes the cross-process lock that guards appends to, and rewrites of, the file at `path`.
 * Waits (with backoff) for as long as a live holder keeps it, and past STALE_MS for a dead one.
 * Resolves to the function that releases it.
 */
export async function lockFile(path: string): Promise<() => Promise<void>> {
  const options = {
    realpath: false,
    lockfilePath: `${path}.lock`,
    stale: STALE_MS,
    // The default throws from a timer and kills the process; a lost heartbeat (event loop blocked past STALE_MS)
    // is worth a warning, not a crash.
    onCompromised: (error: Error) => {
      process.emitWarning(`the record log lock was compromised: ${error.message}`, 'GatehouseStoreWarning');
    },
  };
  try {
    // Almost always free: one try first, since a retrying lock computes its whole backoff schedule up front
    // (2,000 timeouts), which cost about a millisecond per durable write.
    return await lockfile.lock(path, { ...options, retries: 0 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    return lockfile.lock(path, { ...options, retries: { retries: 2_000, factor: 1.3, minTimeout: 2, maxTimeout: 25, randomize: true } });
  }
}
