import type { LatencyResult } from './measure-latency.js';
import type { MemoryResult } from './measure-memory.js';
import type { ThroughputResult } from './measure-throughput.js';

function table(head: string[], rows: string[][]): string {
  const widths = head.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(head), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export function memoryTable(results: MemoryResult[]): string {
  return [
    'Redis memory per enrolled user (used_memory growth / users; goal: under 1 KB)',
    table(
      ['enrolled user', 'users', 'bytes/user', 'of which JSON', 'GB per million'],
      results.map((r) => [r.label, r.users.toLocaleString('en'), r.bytesPerUser.toFixed(0), r.jsonBytesPerUser.toFixed(0), r.gbPerMillion.toFixed(2)]),
    ),
  ].join('\n');
}

export function throughputTable(results: ThroughputResult[], hashRate: number): string {
  const concurrency = results[0]?.concurrency ?? 0;
  return [
    `Sign-in throughput, ${concurrency} virtual users (complete OIDC code flows; scrypt alone: ${hashRate.toFixed(1)} checks/s)`,
    table(
      ['store', 'sign-ins/s', 'vs embedded', 'p50', 'p95', 'errors'],
      results.map((r) => [r.label, r.signInsPerSecond.toFixed(1), (r.signInsPerSecond / results[0]!.signInsPerSecond).toFixed(2), ms(r.p50), ms(r.p95), String(r.errors)]),
    ),
  ].join('\n');
}

export function latencyTable(results: LatencyResult[]): string {
  const [few, many] = results;
  return [
    'Sign-in latency by enrolled users in Redis (one at a time; goal: ratio under 1.1)',
    table(
      ['enrolled users', 'samples', 'p50', 'p95', 'mean', 'errors'],
      results.map((r) => [r.users.toLocaleString('en'), String(r.samples), ms(r.p50), ms(r.p95), ms(r.mean), String(r.errors)]),
    ),
    few && many ? `ratio ${many.users.toLocaleString('en')} / ${few.users.toLocaleString('en')}: p50 ${(many.p50 / few.p50).toFixed(3)}, mean ${(many.mean / few.mean).toFixed(3)}` : '',
  ].join('\n');
}
