import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchGatehouse } from './bench-gatehouse.js';
import { userWithPhone } from './bench-gatehouse.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Memory the embedded store holds for `count` pending requests: heap after a full GC, before and after sending
 * them (spread over `users` users with a phone each; the users and phones are made before the first reading).
 */
export async function pendingMemory(bench: BenchGatehouse, count: number, users: number): Promise<{ count: number; bytes: number; bytesPerRequest: number; sendMs: number }> {
  const ids: string[] = [];
  for (let i = 0; i < users; i++) {
    await userWithPhone(bench, `user${i}`);
    ids.push((await bench.gatehouse.registry.directory.findUser(`user${i}`))!.id);
  }
  const push = bench.gatehouse.registry.devices.push;
  const before = heapAfterGc();
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const userId = ids[i % users]!;
    const sent = await push.send('mfa', { userId, login: `user${i % users}`, transactionId: `bench-${String(i).padStart(18, '0')}`, rpId: 'bench', rpName: 'Bench App', clientIp: '192.0.2.1' });
    if (!sent.ok) throw new Error(`push ${i} refused: ${sent.reason}`);
  }
  const sendMs = performance.now() - started;
  const bytes = heapAfterGc() - before;
  return { count, bytes, bytesPerRequest: bytes / count, sendMs };
}
