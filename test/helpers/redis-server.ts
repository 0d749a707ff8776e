import { startManagedService } from './managed-service.js';
import { redisCommand } from './redis-command.js';
import { systemBinary } from './system-binary.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

export interface RedisOptions {
  /** Keep an append-only file, so data survives a restart (and, up to appendfsync's second, a kill). */
  appendonly?: boolean;
  /** More `--name value` arguments for redis-server, e.g. ['--appendfsync', 'always']. */
  extraArgs?: string[];
}

export interface RedisServer {
  /** redis://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Its working dir (the append-only files live here). */
  readonly dir: string;
  readonly pid: number | undefined;
  /** SIGTERM, waits for the exit, removes its dir. Call it in after(). */
  stop(): Promise<void>;
  /** Stops it gracefully (if running) and starts it again with the same port and dir. */
  restart(): Promise<void>;
  /** SIGKILL, waits for the exit; the dir stays, so restart() shows what survived. */
  kill(): Promise<void>;
}

/** Starts redis-server on a free loopback port with its own temp dir and no config file from /etc. */
export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const dir = await makeTempDir('gatehouse-redis-');
  const service = await startManagedService({
    name: 'redis-server',
    command: systemBinary('redis-server', 'redis-server'),
    cwd: dir,
    args: (port) => [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', dir,
      '--save', '',
      '--appendonly', options.appendonly === true ? 'yes' : 'no',
      '--daemonize', 'no',
      '--logfile', '',
      ...(options.extraArgs ?? []),
    ],
    ready: async (port) => (await redisCommand(port, 'PING')) === 'PONG',
  }).catch(async (error: unknown) => {
    await removeTempDir(dir);
    throw error;
  });

  return {
    url: `redis://127.0.0.1:${service.port}`,
    port: service.port,
    dir,
    get pid() {
      return service.pid;
    },
    async stop() {
      await service.stop();
      await removeTempDir(dir);
    },
    restart: () => service.restart(),
    kill: () => service.kill(),
  };
}
