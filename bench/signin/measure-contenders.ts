import { mkdir, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { startBenchChild, type BenchChild } from './bench-child.js';
import type { Contender } from './contenders.js';
import { toContenderRun, type ContenderRun, type ServerTotals } from './contender-run.js';
import { BENCH_USERS } from './bench-constants.js';
import { Load } from './load-driver.js';
import { signIn } from './sign-in.js';
import { addWindow, emptyWindow, type LoadWindow } from './load-window.js';
import { machineBusySeconds } from './machine-cpu.js';
import { readProcStats, readThreadCpu } from './proc-stats.js';
import { splitThreads } from './thread-split.js';

export interface RunSettings {
  concurrency: number;
  warmupMs: number;
  /** Load before each window opens, so the window sees a steady state. */
  rampMs: number;
  sliceMs: number;
  rounds: number;
  profileDir?: string;
}

interface Started {
  contender: Contender;
  child: BenchChild;
  url: string;
  profileDir: string | undefined;
  /** Every sign-in this server completed after its warm-up (ramps included): what its profile covers. */
  served: number;
}

/**
 * Every contender at one concurrency, each in a fresh server process. After a warm-up, the contenders take turns
 * in short windows (A B, B A, A B, …) so that whatever else the shared machine does falls on both alike.
 */
export async function measureContenders(contenders: readonly Contender[], settings: RunSettings): Promise<ContenderRun[]> {
  const started: Started[] = [];
  try {
    for (const contender of contenders) {
      const profileDir = settings.profileDir ? join(settings.profileDir, `${contender.id}-${settings.concurrency}`) : undefined;
      const child = await startBenchChild(contender.entry, [], profileDir ? { profileDir } : {});
      if (child.first.type !== 'ready') throw new Error(`${contender.label} did not start`);
      started.push({ contender, child, url: child.first.url, profileDir, served: 0 });
    }
    for (const server of started) await loadFor(server.url, settings.concurrency, settings.warmupMs);
    for (const server of started) server.child.startProfile();

    const windows = new Map(started.map((server) => [server.contender.id, emptyWindow()]));
    const totals = new Map(started.map((server) => [server.contender.id, emptyTotals()]));
    for (let round = 0; round < settings.rounds; round++) {
      for (const server of round % 2 === 0 ? started : [...started].reverse()) {
        const measured = await measureWindow(server, started, settings);
        addWindow(windows.get(server.contender.id)!, measured.window);
        addTotals(totals.get(server.contender.id)!, measured.server);
      }
    }
    return started.map((server) => {
      const total = totals.get(server.contender.id)!;
      total.peakRssMb = readProcStats(server.child.pid).peakRssMb;
      return toContenderRun(server.contender.id, settings.concurrency, windows.get(server.contender.id)!, total);
    });
  } finally {
    for (const server of started) {
      await server.child.stop();
      // Beside the profile: how many sign-ins it covers, so the summary can say what each one cost.
      if (server.profileDir) {
        await mkdir(server.profileDir, { recursive: true });
        await writeFile(join(server.profileDir, 'signins.json'), JSON.stringify({ signins: server.served }));
      }
    }
  }
}

/** One window on one server: ramp up, measure, drain; CPU is read at the window's edges, not the load's. */
async function measureWindow(server: Started, all: Started[], settings: RunSettings): Promise<{ window: LoadWindow; server: ServerTotals }> {
  const load = benchLoad(server.url, settings.concurrency);
  await sleep(settings.rampMs);
  const before = all.map((each) => readProcStats(each.child.pid));
  const threadsBefore = readThreadCpu(server.child.pid);
  const machineBefore = machineBusySeconds();
  load.openWindow();
  await sleep(settings.sliceMs);
  const window = load.closeWindow();
  const machine = machineBusySeconds() - machineBefore;
  const threads = splitThreads(server.child.pid, threadsBefore, readThreadCpu(server.child.pid));
  const after = all.map((each) => readProcStats(each.child.pid));
  await load.stop();
  server.served += load.completed;

  const index = all.indexOf(server);
  // Every server counts as ours (the idle one too), so "background" is only what the rest of the machine did.
  const serversCpu = after.reduce((sum, stats, i) => sum + stats.cpuSeconds - before[i]!.cpuSeconds, 0);
  const cpuSeconds = after[index]!.cpuSeconds - before[index]!.cpuSeconds;
  const backgroundCpuSeconds = Math.max(0, machine - serversCpu - window.driverCpuSeconds);
  return { window, server: { ...threads, cpuSeconds, backgroundCpuSeconds, peakRssMb: 0 } };
}

function emptyTotals(): ServerTotals {
  return { cpuSeconds: 0, mainSeconds: 0, threadpoolSeconds: 0, helperSeconds: 0, backgroundCpuSeconds: 0, peakRssMb: 0 };
}

function addTotals(total: ServerTotals, next: ServerTotals): void {
  total.cpuSeconds += next.cpuSeconds;
  total.mainSeconds += next.mainSeconds;
  total.threadpoolSeconds += next.threadpoolSeconds;
  total.helperSeconds += next.helperSeconds;
  total.backgroundCpuSeconds += next.backgroundCpuSeconds;
}

/** Runs the load for a while without measuring; resolves with the sign-ins completed. */
async function loadFor(url: string, concurrency: number, ms: number): Promise<number> {
  const load = benchLoad(url, concurrency);
  await sleep(ms);
  await load.stop();
  return load.completed;
}

/** The sign-in benchmark's load: virtual user i signs in as bench user i (mod 4) with the one client. */
function benchLoad(url: string, concurrency: number): Load {
  return new Load((index, log) => signIn(url, BENCH_USERS[index % BENCH_USERS.length]!, log), concurrency);
}
