import type { Contender } from './contenders.js';
import { windowFigures, type LoadWindow, type WindowFigures } from './load-window.js';
import type { ThreadSplit } from './thread-split.js';

/** One contender's figures at one concurrency. */
export interface ContenderRun extends WindowFigures {
  contender: Contender['id'];
  concurrency: number;
  /** Server CPU (every thread) per completed sign-in, ms. */
  cpuMsPerSignin: number;
  /** Of which the main (JavaScript) thread, ms. */
  mainThreadCpuMsPerSignin: number;
  /** Of which libuv's threadpool: the scrypt password check, ms. */
  threadpoolCpuMsPerSignin: number;
  /** Of which V8's helper threads (GC), ms. */
  helperCpuMsPerSignin: number;
  /** Everything but the threadpool: the server's cost beyond the password hash, measured directly, ms. */
  beyondHashCpuMsPerSignin: number;
  /** The driver's own CPU per sign-in, ms (it shares the two cores with the server). */
  driverCpuMsPerSignin: number;
  /** CPU that other processes on the machine used during the windows, in cores: high means a noisy run. */
  backgroundCores: number;
  /** Peak RSS of the server process over its whole life (start-up, warm-up, run), MB. */
  peakRssMb: number;
  requestsPerSignin: number;
  /** Per route: requests per sign-in and mean latency, ms. */
  routes: Array<{ route: string; perSignin: number; meanMs: number }>;
}

/** What was measured around the windows of one contender, added up over the rounds. */
export interface ServerTotals extends ThreadSplit {
  cpuSeconds: number;
  backgroundCpuSeconds: number;
  peakRssMb: number;
}

export function toContenderRun(contender: Contender['id'], concurrency: number, window: LoadWindow, server: ServerTotals): ContenderRun {
  const perSignin = (seconds: number) => (seconds * 1000) / window.signins;
  return {
    contender,
    concurrency,
    ...windowFigures(window),
    cpuMsPerSignin: perSignin(server.cpuSeconds),
    mainThreadCpuMsPerSignin: perSignin(server.mainSeconds),
    threadpoolCpuMsPerSignin: perSignin(server.threadpoolSeconds),
    helperCpuMsPerSignin: perSignin(server.helperSeconds),
    beyondHashCpuMsPerSignin: perSignin(server.cpuSeconds - server.threadpoolSeconds),
    driverCpuMsPerSignin: perSignin(window.driverCpuSeconds),
    backgroundCores: server.backgroundCpuSeconds / window.seconds,
    peakRssMb: server.peakRssMb,
    requestsPerSignin: window.requests.total() / window.signins,
    routes: [...window.requests.routes].map(([route, entry]) => ({ route, perSignin: entry.count / window.signins, meanMs: entry.totalMs / entry.count })),
  };
}
