import type { ContenderRun } from './contender-run.js';
import type { HashRun } from './measure-hash.js';

/** The goal: Gatehouse costs at most this many times the bare baseline. */
export const GOAL_RATIO = 1.5;

export interface Comparison {
  concurrency: number;
  /** Gatehouse / baseline sign-ins per second (below 1: Gatehouse is slower). */
  throughputRatio: number;
  /** Gatehouse / baseline p99 latency. */
  p99Ratio: number;
  /** Gatehouse / baseline server CPU per sign-in, as measured. */
  cpuRatio: number;
  /**
   * The same with the hash counted at the micro-benchmark's cost for both: (hash + beyond hash) / (hash + beyond
   * hash). The hash is identical work in both, yet its measured CPU swings by tens of percent with what else runs
   * on the machine (scrypt is memory-bound); this is the steady figure the goal is judged on.
   */
  normalisedCpuRatio: number;
  /** CPU of one scrypt verification from the micro-benchmark at this concurrency, ms. */
  hashCpuMs: number;
  /** CPU per sign-in minus the micro-benchmark's hash cost, ms (kept in the JSON; the subtraction is noisy). */
  baselineMinusHashMs: number;
  gatehouseMinusHashMs: number;
  minusHashRatio: number;
  /** CPU per sign-in outside libuv's threadpool, ms (measured per thread: the steadier figure). */
  baselineBeyondHashMs: number;
  gatehouseBeyondHashMs: number;
  beyondHashRatio: number;
  meetsGoal: boolean;
}

export function compare(baseline: ContenderRun, gatehouse: ContenderRun, hashRun: HashRun): Comparison {
  const baselineMinusHashMs = baseline.cpuMsPerSignin - hashRun.cpuMsPerVerification;
  const gatehouseMinusHashMs = gatehouse.cpuMsPerSignin - hashRun.cpuMsPerVerification;
  const cpuRatio = gatehouse.cpuMsPerSignin / baseline.cpuMsPerSignin;
  const hash = hashRun.cpuMsPerVerification;
  const normalisedCpuRatio = (hash + gatehouse.beyondHashCpuMsPerSignin) / (hash + baseline.beyondHashCpuMsPerSignin);
  return {
    concurrency: gatehouse.concurrency,
    throughputRatio: gatehouse.signinsPerSecond / baseline.signinsPerSecond,
    p99Ratio: gatehouse.latencyMs.p99 / baseline.latencyMs.p99,
    cpuRatio,
    hashCpuMs: hash,
    baselineMinusHashMs,
    gatehouseMinusHashMs,
    minusHashRatio: gatehouseMinusHashMs / baselineMinusHashMs,
    baselineBeyondHashMs: baseline.beyondHashCpuMsPerSignin,
    gatehouseBeyondHashMs: gatehouse.beyondHashCpuMsPerSignin,
    beyondHashRatio: gatehouse.beyondHashCpuMsPerSignin / baseline.beyondHashCpuMsPerSignin,
    normalisedCpuRatio,
    meetsGoal: normalisedCpuRatio <= GOAL_RATIO,
  };
}
