import { readdirSync, readFileSync } from 'node:fs';
import { clockTicks } from '../signin/proc-stats.js';

/** The pids given and all their descendants (LemonLDAP::NG's FastCGI manager forks its workers; nginx its worker). */
export function processTree(roots: number[]): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
    } catch {}
  }
  const found = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) if (found.has(ppid) && !found.has(pid)) (found.add(pid), (grew = true));
  }
  return [...found];
}

/** User + system CPU seconds of these processes (dead ones count 0), and their summed RSS, MB. */
export function treeStats(pids: number[]): { cpuSeconds: number; rssMb: number } {
  let ticks = 0;
  let rssKb = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {}
  }
  return { cpuSeconds: ticks / clockTicks(), rssMb: rssKb / 1024 };
}
