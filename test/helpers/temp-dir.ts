import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Dirs not removed by their test (a failed before(), a forgotten after()) go when the process exits.
// GATEHOUSE_KEEP_TEMP=1 keeps every dir, to read a service's files after a failure.
const live = new Set<string>();
const keep = process.env.GATEHOUSE_KEEP_TEMP === '1';

process.on('exit', () => {
  if (keep) return;
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
});

/** Makes a fresh, empty dir under the OS temp dir. */
export async function makeTempDir(prefix = 'gatehouse-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  live.add(dir);
  return dir;
}

/** Removes a dir made by makeTempDir, with everything in it. */
export async function removeTempDir(dir: string): Promise<void> {
  live.delete(dir);
  if (!keep) await rm(dir, { recursive: true, force: true });
}
