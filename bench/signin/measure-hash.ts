import { startBenchChild } from './bench-child.js';

export interface HashRun {
  concurrency: number;
  verificationsPerSecond: number;
  /** CPU seconds of the process per verification, in ms: what one password check costs a contender. */
  cpuMsPerVerification: number;
  /** Mean wall time of one verification at this concurrency, ms. */
  meanMs: number;
  /** CPU other processes used meanwhile, in cores. */
  backgroundCores: number;
}

/** Runs the scrypt micro-benchmark (servers/hash-worker.ts) in its own process at one concurrency. */
export async function measureHash(concurrency: number, warmupMs: number, durationMs: number): Promise<HashRun> {
  const child = await startBenchChild('./servers/hash-worker.ts', [concurrency, warmupMs, durationMs].map(String));
  await child.stop();
  if (child.first.type !== 'result') throw new Error('the hash worker sent no result');
  const { verifications = 0, seconds = Number.NaN, cpuSeconds = Number.NaN, backgroundCpuSeconds = Number.NaN } = child.first.result;
  return {
    concurrency,
    verificationsPerSecond: verifications / seconds,
    cpuMsPerVerification: (cpuSeconds * 1000) / verifications,
    meanMs: (seconds * 1000 * concurrency) / verifications,
    backgroundCores: backgroundCpuSeconds / seconds,
  };
}
