import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** A lock held this long without its heartbeat belongs to a dead process (a CLI killed mid-rollover). */
const STALE_MS = 10_000;

/**
 * Runs `operation` holding the keys dir's cross-process lock, so that two rollovers or activations (two CLIs, or a
 * CLI and the admin API) cannot interleave their read-modify-write of the role files. Readers take no lock: every
 * file they read changes by one atomic rename or link.
 */
export async function withKeysLock<T>(dir: string, operation: () => Promise<T>): Promise<T> {
  const release = await lockfile.lock(dir, {
    realpath: false,
    lockfilePath: join(dir, '.lock'),
    stale: STALE_MS,
    // Long enough to outwait a live holder (one key generation) and a dead one (STALE_MS).
    retries: { retries: 60, factor: 1.2, minTimeout: 50, maxTimeout: 500, randomize: true },
    // The default throws from a timer and kills the process; a lost heartbeat is worth a warning, not a crash.
    onCompromised: (error) => {
      process.emitWarning(`the keys dir lock was compromised: ${error.message}`, 'GatehouseKeysWarning');
    },
  });
  try {
    return await operation();
  } finally {
    await release().catch(() => undefined);
  }
}
