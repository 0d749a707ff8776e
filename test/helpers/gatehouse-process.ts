import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { ConfigInput } from '../../src/config/index.js';
import { freePort } from './free-port.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../..');
const cli = join(here, 'gatehouse-cli.ts');
const running = new Set<GatehouseProcess>();

// mocha runs with exit: true; a test that fails before its after() would leave nodes behind.
process.on('exit', () => {
  for (const node of running) if (node.pid) process.kill(node.pid, 'SIGKILL');
});

/** One Gatehouse node in its own process, started with `gatehouse start --config FILE`. */
export interface GatehouseProcess {
  /** Where this node listens (not the issuer: nodes of a cluster share the load balancer's URL). */
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  /** What it printed on stdout and stderr so far. */
  output(): string;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (kill -9), and waits for the exit. */
  kill(): Promise<void>;
}

/**
 * Writes `config` (with listen.port set to a free port, and issuer to the node's URL unless given) to `configFile`
 * and starts a node on it; resolves once its /healthz answers. Give `name` to tell nodes apart in failures.
 */
export async function startGatehouseProcess(name: string, configFile: string, config: ConfigInput): Promise<GatehouseProcess> {
  const port = await freePort();
  // Without an issuer of its own (a load balancer's), a node is its own issuer.
  await writeFile(configFile, stringify({ issuer: `http://127.0.0.1:${port}`, ...config, listen: { host: '127.0.0.1', port } }));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--config', configFile], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-64 * 1024);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let alive = true;
  void exited.then(() => {
    alive = false;
    running.delete(node);
  });
  const url = `http://127.0.0.1:${port}`;
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (alive) child.kill(signal);
    await exited;
  };
  const node: GatehouseProcess = {
    url,
    port,
    get pid() {
      return alive ? child.pid : undefined;
    },
    output: () => output,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
  running.add(node);

  for (;;) {
    if (!alive) throw new Error(`gatehouse node ${name} exited while starting:\n${output}`);
    const health = await fetch(`${url}/healthz`).catch(() => undefined);
    if (health?.ok) return node;
    await new Promise((wake) => setTimeout(wake, 100));
  }
}
