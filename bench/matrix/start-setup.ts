import type { DirectoryKind, StoreKind } from '../common/matrix-results.js';
import { startBenchChild, type BenchChild } from '../signin/bench-child.js';
import { PATHS, userPools, type ServerSetup } from './bench-setup.js';
import type { Contestant } from './contestant.js';
import type { Activation } from './enroll.js';
import { bareSignIn, gatehouseSignIn } from './gatehouse-sign-ins.js';
import { mapLimit } from './map-limit.js';
import { BenchPhone } from './phone.js';

export interface RunningSetup {
  directory: DirectoryKind;
  store: StoreKind;
  contestants: Contestant[];
  stop(): Promise<void>;
}

/**
 * One directory x store setup: a Gatehouse process (every path) and, on the embedded store, a bare oidc-provider
 * process with the same directory (password and password + TOTP; it has no Redis adapter, so it runs once per
 * directory). Gatehouse's phones are activated through its device API before anything is measured.
 */
export async function startSetup(setup: ServerSetup): Promise<RunningSetup> {
  const children: BenchChild[] = [];
  const stop = async () => {
    for (const child of children) await child.stop();
  };
  try {
    const pools = userPools(setup.directory, setup.maxConcurrency);
    const gatehouse = await startChild('./gatehouse-server.ts', setup, children);
    const activations = (gatehouse.details?.activations as Activation[] | undefined) ?? [];
    const url = gatehouse.url;
    const activated = await mapLimit(activations, 4, (activation) => BenchPhone.activate(url, activation));
    const phones = { push: activated.filter((_, i) => !activations[i]!.passwordless), passwordless: activated.filter((_, i) => activations[i]!.passwordless) };
    const base = { directory: setup.directory, store: setup.store };
    const contestants: Contestant[] = PATHS.map((path) => {
      const approvals: number[] = [];
      return { ...base, contender: 'gatehouse', path, signIn: gatehouseSignIn(path, url, pools, phones, approvals), serverPids: () => [gatehouse.pid], approvals };
    });
    if (setup.store === 'embedded') {
      const bare = await startChild('./bare-server.ts', setup, children);
      for (const path of ['password', 'totp'] as const) contestants.push({ ...base, contender: 'bare-oidc-provider', path, signIn: bareSignIn(path, bare.url, pools), serverPids: () => [bare.pid] });
    }
    return { ...base, contestants, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Both contenders get the threadpool `gatehouse start` gives itself (bin/gatehouse.js), so scrypt and file I/O do not queue behind four threads. */
const SERVER_ENV = { UV_THREADPOOL_SIZE: '8' };

/** A started server: its process, where it listens and what it told the driver. */
async function startChild(entry: string, setup: ServerSetup, children: BenchChild[]): Promise<{ pid: number; url: string; details: Record<string, unknown> | undefined }> {
  // bench-child.ts resolves entries against bench/signin/.
  const child = await startBenchChild(`../matrix/${entry.slice(2)}`, [JSON.stringify(setup)], { env: SERVER_ENV });
  children.push(child);
  if (child.first.type !== 'ready') throw new Error(`${entry} did not start`);
  return { pid: child.pid, url: child.first.url, details: child.first.details };
}
