import { percentile, signInOnce } from './sign-in-driver.js';
import type { BenchNode } from './bench-nodes.js';

export interface LatencyResult {
  label: string;
  users: number;
  samples: number;
  /** Sign-ins that failed (and were not counted), e.g. a Redis stall past commandTimeout. */
  errors: number;
  p50: number;
  p95: number;
  mean: number;
}

/** Sign-ins one at a time, alternating between the nodes (so load on the machine falls on both alike). */
export async function measureLatency(nodes: Array<{ node: BenchNode; users: number }>, samples: number, log: (line: string) => void): Promise<LatencyResult[]> {
  for (const { node } of nodes) for (let warm = 0; warm < 5; warm += 1) await signInOnce(node);
  const latencies = nodes.map(() => [] as number[]);
  const errors = nodes.map(() => 0);
  log(`  latency: ${samples} sign-ins on each, alternating`);
  for (let sample = 0; sample < samples; sample += 1) {
    for (const [index, { node }] of nodes.entries()) {
      try {
        latencies[index]!.push(await signInOnce(node));
      } catch {
        errors[index]! += 1;
      }
    }
  }
  return nodes.map(({ node, users }, index) => {
    const values = latencies[index]!;
    return {
      label: node.label,
      users,
      samples: values.length,
      errors: errors[index]!,
      p50: percentile(values, 50),
      p95: percentile(values, 95),
      mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    };
  });
}
