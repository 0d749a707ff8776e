import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcStats {
  /** User + system CPU of every thread of the process (libuv's threadpool, where scrypt runs, included). */
  cpuSeconds: number;
  /** Peak resident set size (VmHWM), in MB. */
  peakRssMb: number;
  /** Current resident set size (VmRSS), in MB. */
  rssMb: number;
}

let ticksPerSecond: number | undefined;

/** Kernel clock ticks per second, the unit of /proc CPU times. */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100; // the Linux default when getconf is missing
    }
  }
  return ticksPerSecond;
}

/** Reads a process's CPU time and memory from /proc (Linux), so a server is measured from outside, per process. */
export function readProcStats(pid: number): ProcStats {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuSeconds: cpuOf(`/proc/${pid}/stat`),
    peakRssMb: statusKb(status, 'VmHWM') / 1024,
    rssMb: statusKb(status, 'VmRSS') / 1024,
  };
}

/** utime + stime of a /proc stat file, in seconds. */
function cpuOf(file: string): number {
  const stat = readFileSync(file, 'utf8');
  // The command name may hold spaces and parentheses: fields are counted from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/** CPU seconds of each thread of a process, by thread id. */
export function readThreadCpu(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      threads.set(Number(tid), cpuOf(`/proc/${pid}/task/${tid}/stat`));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return threads;
}
