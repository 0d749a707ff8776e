import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { summarize, type LatencySummary } from '../signin/percentiles.js';
import { readProcStats } from '../signin/proc-stats.js';
import { signIn } from '../signin/sign-in.js';
import { BENCH_USER_PASSWORD, loginOf } from './generate-users.js';

export interface SigninFigures {
  directory: 'embedded' | 'ldap';
  concurrency: number;
  seconds: number;
  signins: number;
  perSecond: number;
  latencyMs: LatencySummary;
  serverCpuMsPerSignin: number;
  errors: number;
}

const SERVER = fileURLToPath(new URL('./signin-server.ts', import.meta.url));
const noLog = { add() {} };

/**
 * Complete OIDC sign-ins (authorize, identify, password, token; bench/signin/sign-in.ts) from `concurrency`
 * virtual users, each with a fresh cookie jar every time, against one contender process: warm-up, then a
 * measured window. Server CPU per sign-in comes from /proc at the window's edges.
 */
export async function measureSignins(directory: 'embedded' | 'ldap', ldapUrl: string, options: { concurrency: number; warmup: number; seconds: number }): Promise<SigninFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, directory, ldapUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const lines = createInterface({ input: child.stdout! });
    const [ready] = (await once(lines, 'line')) as [string];
    const url = /^READY (\S+)$/.exec(ready)?.[1];
    if (!url) throw new Error(`the ${directory} contender said: ${ready}`);

    let phase: 'warmup' | 'measure' | 'stop' = 'warmup';
    const latencies: number[] = [];
    let errors = 0;
    const user = async (index: number) => {
      for (let n = 0; phase !== 'stop'; n++) {
        const started = performance.now();
        try {
          await signIn(url, { login: loginOf(1 + ((index + n) % 8)), password: BENCH_USER_PASSWORD }, noLog);
          if (phase === 'measure') latencies.push(performance.now() - started);
        } catch (error) {
          errors++;
          if (errors === 1) process.stderr.write(`sign-in failed: ${(error as Error).message}\n`);
        }
      }
    };
    const users = Array.from({ length: options.concurrency }, (_, i) => user(i));
    await new Promise((resolve) => setTimeout(resolve, options.warmup * 1000));
    const cpuBefore = readProcStats(child.pid!).cpuSeconds;
    const windowStart = performance.now();
    phase = 'measure';
    await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
    phase = 'stop';
    const seconds = (performance.now() - windowStart) / 1000;
    const cpu = readProcStats(child.pid!).cpuSeconds - cpuBefore;
    await Promise.all(users);
    return {
      directory,
      concurrency: options.concurrency,
      seconds,
      signins: latencies.length,
      perSecond: latencies.length / seconds,
      latencyMs: summarize(latencies),
      serverCpuMsPerSignin: (cpu * 1000) / Math.max(1, latencies.length),
      errors,
    };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}
