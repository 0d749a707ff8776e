import { performance } from 'node:perf_hooks';
import { verifyPasswordHash, hashPassword } from '../../src/directory/embedded/password-hash.js';
import { percentile, signInOnce, signInsFor, type LoadResult } from './sign-in-driver.js';
import type { BenchNode } from './bench-nodes.js';

export interface ThroughputResult {
  label: string;
  concurrency: number;
  signInsPerSecond: number;
  p50: number;
  p95: number;
  errors: number;
  /** Every sign-in made on this node, warm-ups included (to relate memory growth to sign-ins). */
  completed: number;
}

/**
 * Sign-ins per second on each node at `concurrency` virtual users. The nodes are measured in turns, window after
 * window, so that whatever else loads the machine weighs on each alike.
 */
export async function measureThroughput(nodes: BenchNode[], options: { concurrency: number; windowMs: number; rounds: number }, log: (line: string) => void): Promise<ThroughputResult[]> {
  for (const node of nodes) for (let warm = 0; warm < 3; warm += 1) await signInOnce(node);
  const totals = new Map<BenchNode, LoadResult>(nodes.map((node) => [node, { signIns: 0, errors: 0, seconds: 0, latencies: [] }]));
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const node of nodes) {
      log(`  throughput: round ${round}/${options.rounds}, ${node.label}`);
      const result = await signInsFor(node, options.concurrency, options.windowMs);
      const total = totals.get(node)!;
      total.signIns += result.signIns;
      total.errors += result.errors;
      total.seconds += result.seconds;
      total.latencies.push(...result.latencies);
    }
  }
  return nodes.map((node) => {
    const total = totals.get(node)!;
    return {
      label: node.label,
      concurrency: options.concurrency,
      signInsPerSecond: total.signIns / total.seconds,
      p50: percentile(total.latencies, 50),
      p95: percentile(total.latencies, 95),
      errors: total.errors,
      completed: total.signIns + 3,
    };
  });
}

/** scrypt checks per second alone at the same concurrency: the ceiling any store can reach. */
export async function measureHashRate(concurrency: number, ms: number): Promise<number> {
  const hash = await hashPassword('correct horse battery staple');
  let done = 0;
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await verifyPasswordHash('correct horse battery staple', hash);
        done += 1;
      }
    }),
  );
  return done / (ms / 1000);
}
