import { setTimeout as sleep } from 'node:timers/promises';
import type { MatrixRun } from '../common/matrix-results.js';
import { processTree, treeStats } from '../peers/proc-tree.js';
import { Load } from '../signin/load-driver.js';
import { machineBusySeconds } from '../signin/machine-cpu.js';
import { windowFigures } from '../signin/load-window.js';
import { summarize } from '../signin/percentiles.js';
import type { Backends, Contestant } from './contestant.js';

export interface WindowSettings {
  concurrency: number;
  /** Load before the window opens, so the window sees a steady state. */
  rampMs: number;
  windowMs: number;
}

/**
 * One closed-loop window: `concurrency` virtual users sign in back to back (each with a fresh browser); after the
 * ramp, what completes inside the window counts; CPU of the server tree, slapd, Redis, the driver and the whole
 * machine is read at the window's edges; the server tree's RSS is sampled through the window for its peak.
 */
export async function measureWindow(contestant: Contestant, backends: Backends, settings: WindowSettings): Promise<MatrixRun> {
  const load = new Load(contestant.signIn, settings.concurrency);
  try {
    await sleep(settings.rampMs);
    const pids = processTree(contestant.serverPids());
    const cpuOf = (pid: number | undefined) => (pid ? treeStats([pid]).cpuSeconds : 0);
    const before = { server: treeStats(pids).cpuSeconds, directory: cpuOf(backends.directoryPid), store: cpuOf(backends.storePid), machine: machineBusySeconds() };
    let peakRssMb = treeStats(pids).rssMb;
    const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, treeStats(pids).rssMb)), 500);
    contestant.approvals?.splice(0);
    load.openWindow();
    await sleep(settings.windowMs);
    const window = load.closeWindow();
    clearInterval(sampler);
    const after = { server: treeStats(pids), directory: cpuOf(backends.directoryPid), store: cpuOf(backends.storePid), machine: machineBusySeconds() };
    peakRssMb = Math.max(peakRssMb, after.server.rssMb);
    const server = after.server.cpuSeconds - before.server;
    const directory = after.directory - before.directory;
    const store = after.store - before.store;
    const other = Math.max(0, after.machine - before.machine - server - directory - store - window.driverCpuSeconds);
    const perSignin = (seconds: number) => (window.signins ? (seconds * 1000) / window.signins : Number.NaN);
    const approvals = contestant.approvals?.splice(0) ?? [];
    return {
      contender: contestant.contender,
      path: contestant.path,
      directory: contestant.directory,
      store: contestant.store,
      concurrency: settings.concurrency,
      ...windowFigures(window),
      cpuMsPerSignin: perSignin(server),
      directoryCpuMsPerSignin: perSignin(directory),
      storeCpuMsPerSignin: perSignin(store),
      driverCpuMsPerSignin: perSignin(window.driverCpuSeconds),
      otherLoadCores: other / window.seconds,
      peakRssMb,
      requestsPerSignin: window.signins ? window.requests.total() / window.signins : Number.NaN,
      ...(approvals.length ? { approvalMs: summarize(approvals) } : {}),
    };
  } finally {
    await load.stop();
  }
}
