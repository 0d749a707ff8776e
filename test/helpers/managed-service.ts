import { freePort } from './free-port.js';
import { startServiceProcess } from './service-process.js';
import type { ServiceProcess } from './service-process.js';
import { ServiceExitedError, waitUntilReady } from './wait-until-ready.js';

/** How to run one server on a given loopback port and tell when it answers. */
export interface ServiceSpec {
  name: string;
  command: string;
  args(port: number): string[];
  ready(port: number): Promise<boolean>;
  cwd?: string;
}

/** A server on a fixed port that can be stopped, killed and started again on that same port. */
export interface ManagedService {
  readonly port: number;
  /** The PID of the current process, undefined once stopped or killed. */
  readonly pid: number | undefined;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the exit: what a crash looks like to its clients. */
  kill(): Promise<void>;
  /** Stops it gracefully if it runs, then starts it again on the same port and waits until it answers. */
  restart(): Promise<void>;
}

async function launch(spec: ServiceSpec, port: number): Promise<ServiceProcess> {
  const started = startServiceProcess(spec.command, spec.args(port), spec.cwd);
  await waitUntilReady(spec.name, started, () => spec.ready(port));
  return started;
}

// The port from freePort() is free only until someone binds it; on "Address already in use" take another.
async function launchOnFreePort(spec: ServiceSpec): Promise<{ port: number; started: ServiceProcess }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { port, started: await launch(spec, port) };
    } catch (error) {
      const taken = error instanceof ServiceExitedError && /address already in use/i.test(error.output);
      if (!taken || attempt === 3) throw error;
    }
  }
}

export async function startManagedService(spec: ServiceSpec): Promise<ManagedService> {
  const first = await launchOnFreePort(spec);
  const port = first.port;
  let current = first.started;
  let live = true;
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (!live) return;
    live = false;
    await current.signal(signal);
  };
  return {
    port,
    get pid() {
      return live ? current.pid : undefined;
    },
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    async restart() {
      await end('SIGTERM');
      current = await launch(spec, port);
      live = true;
    },
  };
}
