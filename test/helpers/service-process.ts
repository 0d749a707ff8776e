import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One running server program, held in the foreground so the harness owns its PID. */
export interface ServiceProcess {
  readonly pid: number | undefined;
  /** Settles when the process has exited (or failed to spawn). */
  readonly exited: Promise<ExitStatus>;
  isRunning(): boolean;
  /** The last 64 KiB of what it printed on stdout and stderr, for error messages. */
  output(): string;
  /** Sends `signal` and waits for the exit; after `timeoutMs` sends SIGKILL and throws. */
  signal(signal: NodeJS.Signals, timeoutMs?: number): Promise<ExitStatus>;
}

const outputLimit = 64 * 1024;
const running = new Set<ChildProcess>();

// mocha runs with exit: true, so a test that fails before its after() would leave servers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function startServiceProcess(command: string, args: readonly string[], cwd?: string): ServiceProcess {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let done = false;
  const append = (chunk: Buffer | string): void => {
    output = (output + chunk.toString()).slice(-outputLimit);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  running.add(child);

  const exited = new Promise<ExitStatus>((resolve) => {
    child.on('error', (error) => {
      append(`\n${command}: ${error.message}\n`);
      done = true;
      running.delete(child);
      resolve({ code: null, signal: null });
    });
    child.on('exit', (code, signal) => {
      done = true;
      running.delete(child);
      resolve({ code, signal });
    });
  });

  return {
    pid: child.pid,
    exited,
    isRunning: () => !done,
    output: () => output,
    async signal(signal, timeoutMs = 10_000) {
      if (done) return exited;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), timeoutMs);
      });
      const result = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (result !== 'late') return result;
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${command} did not exit within ${timeoutMs} ms of ${signal}; killed`);
    },
  };
}
