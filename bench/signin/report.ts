import { GOAL_RATIO, type Comparison } from './compare.js';
import { CONTENDERS } from './contenders.js';
import type { ContenderRun } from './contender-run.js';
import type { HashRun } from './measure-hash.js';
import { fixed, textTable } from './text-table.js';

const label = (id: ContenderRun['contender']) => CONTENDERS.find((contender) => contender.id === id)?.label ?? id;
const cores = (value: number) => `${fixed(value, 2)} cores`;
const times = (value: number) => `${fixed(value, 2)}x`;

/** Throughput, latency and memory: one row per contender and concurrency, the scrypt micro-benchmark beside them. */
export function resultsTable(runs: ContenderRun[], hashes: HashRun[]): string {
  const headers = ['contender', 'users', 'sign-ins', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'req/sign-in', 'peak RSS MB', 'other load'];
  const rows: string[][] = [];
  for (const hash of hashes) {
    rows.push(['scrypt verify alone', String(hash.concurrency), '-', fixed(hash.verificationsPerSecond, 2), `~${fixed(hash.meanMs, 0)}`, '-', '-', '-', '-', '-', cores(hash.backgroundCores)]);
    for (const run of runs.filter((candidate) => candidate.concurrency === hash.concurrency)) {
      const { p50, p95, p99 } = run.latencyMs;
      rows.push([label(run.contender), String(run.concurrency), String(run.signins), fixed(run.signinsPerSecond, 2), fixed(p50, 0), fixed(p95, 0), fixed(p99, 0), String(run.errors), fixed(run.requestsPerSignin), fixed(run.peakRssMb, 0), cores(run.backgroundCores)]);
    }
  }
  return textTable(headers, rows);
}

/** Server CPU per sign-in, split by thread: the threadpool is the password hash, the rest is the server's own work. */
export function costTable(runs: ContenderRun[], hashes: HashRun[]): string {
  const headers = ['CPU ms per sign-in', 'users', 'total', 'threadpool (hash)', 'main thread', 'V8 helpers', 'beyond hash', 'driver'];
  const rows: string[][] = [];
  for (const hash of hashes) {
    rows.push(['scrypt verify alone', String(hash.concurrency), fixed(hash.cpuMsPerVerification), '-', '-', '-', '-', '-']);
    for (const run of runs.filter((candidate) => candidate.concurrency === hash.concurrency)) {
      rows.push([
        label(run.contender),
        String(run.concurrency),
        fixed(run.cpuMsPerSignin),
        fixed(run.threadpoolCpuMsPerSignin),
        fixed(run.mainThreadCpuMsPerSignin),
        fixed(run.helperCpuMsPerSignin),
        fixed(run.beyondHashCpuMsPerSignin),
        fixed(run.driverCpuMsPerSignin),
      ]);
    }
  }
  return textTable(headers, rows);
}

/** Gatehouse / baseline, per concurrency, with the hash cost apart and the goal's verdict. */
export function ratiosTable(comparisons: Comparison[]): string {
  const headers = ['users', 'throughput', 'p99', 'CPU/sign-in', 'CPU, hash normalised', `goal <= ${GOAL_RATIO}x`, 'beyond hash (ms)'];
  const rows = comparisons.map((c) => [
    String(c.concurrency),
    times(c.throughputRatio),
    times(c.p99Ratio),
    times(c.cpuRatio),
    times(c.normalisedCpuRatio),
    c.meetsGoal ? 'met' : 'MISSED',
    `${times(c.beyondHashRatio)} (${fixed(c.gatehouseBeyondHashMs)} / ${fixed(c.baselineBeyondHashMs)})`,
  ]);
  return textTable(headers, rows);
}

/** Which requests a sign-in makes and how long each takes, per contender (at one concurrency). */
export function routesTable(run: ContenderRun): string {
  const rows = run.routes.map((route) => [route.route, fixed(route.perSignin, 2), fixed(route.meanMs)]);
  return textTable([`${label(run.contender)} (${run.concurrency} users)`, 'per sign-in', 'mean ms'], rows);
}
