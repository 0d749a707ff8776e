import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { isChildMessage, type ChildMessage, type DriverMessage } from './child-messages.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export interface BenchChild {
  pid: number;
  /** The first message the child sent: `ready` (a server) or `result` (a micro-benchmark). */
  first: ChildMessage;
  /** Asks a server child to start its CPU profile (when started with a profileDir). */
  startProfile(): void;
  /** Asks the child to stop cleanly (so its profile gets written) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts a bench entry file as its own Node process (so its CPU and memory are its own), under tsx like the
 * driver, with its output kept back unless it fails. With `profileDir`, a server child can be told to profile
 * its main thread (see servers/cpu-profiler.ts).
 */
export async function startBenchChild(entry: string, args: string[], options: { profileDir?: string; env?: Record<string, string> } = {}): Promise<BenchChild> {
  const env = { ...process.env, ...options.env, ...(options.profileDir ? { BENCH_PROFILE_DIR: options.profileDir } : {}) };
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), args, { cwd: ROOT, env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const first = await firstMessage(child, () => output);
  return {
    pid: child.pid!,
    first,
    startProfile() {
      if (child.connected) child.send({ type: 'profile' } satisfies DriverMessage, () => undefined);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      // A micro-benchmark child exits by itself after its result; a child already gone needs no message.
      if (first.type === 'ready' && child.connected) child.send({ type: 'stop' } satisfies DriverMessage, () => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function firstMessage(child: ChildProcess, output: () => string): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      child.kill('SIGKILL');
      reject(new Error(`${why}\n${output().slice(-2000)}`));
    };
    const timer = setTimeout(() => fail('the bench child did not answer in time'), START_TIMEOUT_MS);
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      if (!isChildMessage(message)) return fail('the bench child sent something unexpected');
      if (message.type === 'failed') return fail(`the bench child failed: ${message.message}`);
      resolve(message);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the bench child exited (${code ?? signal}) before answering\n${output().slice(-2000)}`));
    });
  });
}
