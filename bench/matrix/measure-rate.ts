import { setTimeout as sleep } from 'node:timers/promises';
import type { RateRun } from '../common/matrix-results.js';
import { summarize } from '../signin/percentiles.js';
import type { Contestant } from './contestant.js';

/**
 * Open loop: sign-ins start at a fixed rate whatever the earlier ones are doing (as users arrive), for `windowMs`
 * after a ramp at the same rate; the latency of those started in the window, each waited for. A closed loop
 * (N users back to back) would hide queueing: here a slow server makes sign-ins pile up and p99 shows it.
 */
export async function measureAtRate(contestant: Contestant, ratePerSecond: number, maxSigninsPerSecond: number, settings: { rampMs: number; windowMs: number }): Promise<RateRun> {
  const intervalMs = 1000 / ratePerSecond;
  const noLog = { add() {} };
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let started = 0;
  let errors = 0;
  const begin = performance.now();
  const windowOpens = begin + settings.rampMs;
  const windowCloses = windowOpens + settings.windowMs;
  for (let n = 0; ; n++) {
    const due = begin + n * intervalMs;
    if (due >= windowCloses) break;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const counted = due >= windowOpens;
    if (counted) started += 1;
    const at = performance.now();
    inFlight.push(
      contestant.signIn(n, noLog).then(
        () => void (counted && latencies.push(performance.now() - at)),
        () => void (counted && (errors += 1)),
      ),
    );
  }
  await Promise.all(inFlight);
  return {
    contender: contestant.contender,
    path: contestant.path,
    directory: contestant.directory,
    store: contestant.store,
    ratePerSecond,
    maxSigninsPerSecond,
    started,
    completed: latencies.length,
    errors,
    latencyMs: summarize(latencies),
  };
}
