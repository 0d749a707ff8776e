/**
 * Push benchmark (issue #5), on loopback with the embedded store:
 * - from the phone's approve call to the browser's page moving on (its event stream fires, its form post is
 *   answered with the redirect back to the app), p50/p99 over complete OIDC passwordless sign-ins;
 * - the memory the store holds for pending requests.
 * Run: node --import tsx bench/push/run.ts [--signins 1000] [--pending 10000] [--json FILE]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { passwordlessSignin, type ApproveSample } from './approve-latency.js';
import { startBenchGatehouse, userWithPhone } from './bench-gatehouse.js';
import { summary } from './percentiles.js';
import { pendingMemory } from './pending-memory.js';

const { values } = parseArgs({ options: { signins: { type: 'string', default: '1000' }, pending: { type: 'string', default: '10000' }, json: { type: 'string' } } });
const signins = Number(values.signins);
const pending = Number(values.pending);
const ms = (value: number) => `${value.toFixed(2)} ms`;

const latencyBench = await startBenchGatehouse();
const samples: ApproveSample[] = [];
try {
  const device = await userWithPhone(latencyBench, 'alice');
  for (let i = 0; i < 20; i++) await passwordlessSignin(latencyBench, device, 'alice');
  for (let i = 0; i < signins; i++) samples.push(await passwordlessSignin(latencyBench, device, 'alice'));
} finally {
  await latencyBench.stop();
}
const answered = summary(samples.map((s) => s.answered));
const event = summary(samples.map((s) => s.event));
const moved = summary(samples.map((s) => s.moved));
console.log(`Approve -> page moves on, ${samples.length} passwordless OIDC sign-ins (after 20 warm-up), loopback, embedded store`);
console.log(`  ${'from the approve call to'.padEnd(42)} ${'p50'.padStart(10)} ${'p90'.padStart(10)} ${'p99'.padStart(10)} ${'max'.padStart(10)}`);
for (const [label, s] of [['the approve call answered', answered], ['the browser’s event', event], ['the page moved on (its post answered)', moved]] as const) {
  console.log(`  ${label.padEnd(42)} ${ms(s.p50).padStart(10)} ${ms(s.p90).padStart(10)} ${ms(s.p99).padStart(10)} ${ms(s.max).padStart(10)}`);
}
console.log(`  goal: p99 under 100 ms -> ${moved.p99 < 100 ? 'met' : 'NOT met'}`);

const memoryBench = await startBenchGatehouse({ maxPendingPerUser: 100, timeout: '10m' });
let memory;
try {
  memory = await pendingMemory(memoryBench, pending, Math.ceil(pending / 100));
} finally {
  await memoryBench.stop();
}
console.log(`\nMemory held by ${memory.count} pending requests (heap after GC, embedded store): ${(memory.bytes / 1024 / 1024).toFixed(1)} MiB, ${Math.round(memory.bytesPerRequest)} bytes each; sent in ${ms(memory.sendMs)}`);

if (values.json) {
  await writeFile(values.json, `${JSON.stringify({ node: process.version, signins: samples.length, answered, event, moved, memory }, null, 2)}\n`);
  console.log(`wrote ${values.json}`);
}
