/**
 * The password-hash cost on its own: in a process set up like a contender (Node, tsx, libuv's default
 * threadpool), `concurrency` loops call verifyPasswordHash (Gatehouse's scrypt at its real parameters) back to
 * back. Args: concurrency warmupMs durationMs. Reports verifications, seconds and CPU seconds of the process.
 */
import { hashPassword, verifyPasswordHash } from '../../../src/directory/index.js';
import type { ChildMessage } from '../child-messages.js';
import { BENCH_PASSWORD } from '../bench-constants.js';
import { machineBusySeconds } from '../machine-cpu.js';

const [concurrency, warmupMs, durationMs] = process.argv.slice(2).map(Number) as [number, number, number];
const stored = await hashPassword(BENCH_PASSWORD);

async function loop(deadline: number): Promise<number> {
  let count = 0;
  while (performance.now() < deadline) {
    if (!(await verifyPasswordHash(BENCH_PASSWORD, stored))) throw new Error('the benchmark hash did not verify');
    count += 1;
  }
  return count;
}

async function phase(ms: number): Promise<number> {
  const deadline = performance.now() + ms;
  const counts = await Promise.all(Array.from({ length: concurrency }, () => loop(deadline)));
  return counts.reduce((sum, count) => sum + count, 0);
}

await phase(warmupMs);
const cpuBefore = process.cpuUsage();
const machineBefore = machineBusySeconds();
const started = performance.now();
const verifications = await phase(durationMs);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// Whatever else ran on the machine meanwhile (the driver waits idle).
const backgroundCpuSeconds = Math.max(0, machineBusySeconds() - machineBefore - cpuSeconds);
const message: ChildMessage = { type: 'result', result: { verifications, seconds, cpuSeconds, backgroundCpuSeconds } };
process.send?.(message);
process.disconnect?.();
