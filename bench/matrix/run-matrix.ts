import type { MatrixRun, RateRun } from '../common/matrix-results.js';
import type { Backends, Contestant } from './contestant.js';
import { labelOf } from './contestant.js';
import { measureAtRate } from './measure-rate.js';
import { measureWindow } from './measure-window.js';
import type { MatrixOptions } from './options.js';
import { startSetup } from './start-setup.js';

export interface SharedServices {
  ldapUrl: string;
  slapdPid: number | undefined;
  redisUrl: string;
  redisPid: number | undefined;
}

/** The peer's contestants, measured in the setup with the same directory (slapd) and its own session store. */
export interface Peer {
  contestants: Contestant[];
}

/**
 * Every setup in turn (one Gatehouse and, on the embedded store, one bare baseline; the peer joins the LDAP setup
 * on the embedded store): each concurrency, each path, each contender on it, one closed-loop window, contenders of
 * a path back to back in alternating order so that drift on the shared machine falls on both. Then, for the TOTP
 * path, an open-loop run at half the best throughput each contender reached (the p99 goal's condition).
 */
export async function runMatrix(options: MatrixOptions, services: SharedServices, peer: Peer | undefined, print: (line: string) => void): Promise<{ runs: MatrixRun[]; rates: RateRun[] }> {
  const runs: MatrixRun[] = [];
  const rates: RateRun[] = [];
  for (const setup of options.setups) {
    print(`\n${setup.directory} directory, ${setup.store} store: starting`);
    const running = await startSetup({ ...setup, ldapUrl: services.ldapUrl, redisUrl: services.redisUrl, maxConcurrency: Math.max(...options.concurrencies) });
    try {
      const joinsPeer = peer && setup.directory === 'ldap' && setup.store === 'embedded';
      const contestants = [...running.contestants, ...(joinsPeer ? peer.contestants : [])].filter((c) => options.paths.includes(c.path));
      const backends: Backends = {
        ...(setup.directory === 'ldap' && services.slapdPid ? { directoryPid: services.slapdPid } : {}),
        ...(setup.store === 'redis' && services.redisPid ? { storePid: services.redisPid } : {}),
      };
      for (const contestant of contestants) await contestant.signIn(0, { add() {} }).catch((error: Error) => Promise.reject(new Error(`${labelOf(contestant)}: a first sign-in failed: ${error.message}`)));
      for (const [round, concurrency] of options.concurrencies.entries()) {
        for (const path of options.paths) {
          const onPath = contestants.filter((c) => c.path === path);
          for (const contestant of round % 2 === 0 ? onPath : onPath.reverse()) {
            const run = await measureWindow(contestant, backends, { concurrency, rampMs: options.rampMs, windowMs: options.windowMs });
            runs.push(run);
            print(`  ${String(concurrency).padStart(2)} users  ${labelOf(contestant).padEnd(60)} ${run.signinsPerSecond.toFixed(1).padStart(6)}/s  p99 ${run.latencyMs.p99.toFixed(0).padStart(5)} ms${run.errors ? `  ${run.errors} errors: ${run.errorSamples[0]}` : ''}`);
          }
        }
      }
      for (const contestant of contestants.filter((c) => c.path === 'totp')) {
        const best = Math.max(...runs.filter((r) => sameSeries(r, contestant)).map((r) => r.signinsPerSecond));
        if (!(best > 0)) continue;
        const rate = await measureAtRate(contestant, best / 2, best, { rampMs: options.rampMs, windowMs: options.rateWindowMs });
        rates.push(rate);
        print(`  open loop at ${rate.ratePerSecond.toFixed(1)}/s (half of ${best.toFixed(1)})  ${labelOf(contestant).padEnd(40)} p50 ${rate.latencyMs.p50.toFixed(0)} ms, p99 ${rate.latencyMs.p99.toFixed(0)} ms${rate.errors ? `, ${rate.errors} errors` : ''}`);
      }
    } finally {
      await running.stop();
    }
  }
  return { runs, rates };
}

const sameSeries = (run: MatrixRun, c: Contestant) => run.contender === c.contender && run.path === c.path && run.directory === c.directory && run.store === c.store;
