import { readFileSync } from 'node:fs';
import { clockTicks } from './proc-stats.js';

/**
 * CPU seconds the whole machine has spent busy since boot (every core, from /proc/stat). Compared with what the
 * servers and the driver spent, it tells how much else ran during a measurement (this machine is shared).
 */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number) as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / clockTicks();
}
