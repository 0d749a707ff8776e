/**
 * Redis store benchmark (issue #8), separate from the sign-in benchmark (bench/run.ts):
 *  1. Redis memory per enrolled user, for three kinds of enrolled user (goal: under 1 KB, a million users in 1 GB);
 *  2. sign-in throughput on the Redis store (appendfsync everysec and always) against the embedded store;
 *  3. sign-in latency with 1,000 against 1,000,000 enrolled users in Redis (goal: ratio under 1.1).
 * Every sign-in is a complete OIDC code flow through real `gatehouse start` processes; password hashing stays at
 * OWASP's minimum scrypt, and its rate alone is measured apart.
 *
 * Run: node --import tsx bench/redis/run.ts [--quick] [--users N] [--json FILE]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRedisStore } from '../../src/store/index.js';
import { redisCommand } from '../../test/helpers/redis-command.js';
import { startRedis, type RedisServer } from '../../test/helpers/redis-server.js';
import { makeTempDir, removeTempDir } from '../../test/helpers/temp-dir.js';
import { startBenchNode, type BenchNode } from './bench-nodes.js';
import { fillUsers } from './fill-users.js';
import { measureLatency } from './measure-latency.js';
import { measureMemory } from './measure-memory.js';
import { measureHashRate, measureThroughput } from './measure-throughput.js';
import { latencyTable, memoryTable, throughputTable } from './report.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, users: { type: 'string' }, json: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help) {
  console.log('usage: node --import tsx bench/redis/run.ts [--quick] [--users N] [--json FILE]');
  process.exit(0);
}
const quick = values.quick === true;
const settings = {
  memoryUsers: quick ? 20_000 : 100_000,
  manyUsers: Number(values.users ?? (quick ? 100_000 : 1_000_000)),
  fewUsers: 1_000,
  concurrency: 4,
  windowMs: quick ? 5_000 : 10_000,
  rounds: quick ? 2 : 3,
  latencySamples: quick ? 20 : 50,
};
const log = (line: string): void => console.log(line);
const started = Date.now();
const dir = await makeTempDir('gatehouse-bench-redis-');
const servers: RedisServer[] = [];
const nodes: BenchNode[] = [];
const redis = async (...extraArgs: string[]): Promise<RedisServer> => {
  const server = await startRedis({ appendonly: extraArgs.length > 0, extraArgs });
  servers.push(server);
  return server;
};

try {
  const version = /redis_version:(\S+)/.exec(String(await redisCommand((await redis()).port, 'INFO', 'server')))?.[1] ?? '?';
  log(`Redis store benchmark${quick ? ' (quick)' : ''}: Redis ${version}, ${cpus().length} CPUs\n`);

  const memory = await measureMemory(servers[0]!, settings.memoryUsers, log);
  log(`\n${memoryTable(memory)}\n`);

  const everysec = await redis('--appendfsync', 'everysec');
  const always = await redis('--appendfsync', 'always');
  const contenders = [
    await startBenchNode('embedded store', dir, { type: 'embedded' }),
    await startBenchNode('redis, appendfsync everysec', dir, { type: 'redis', url: everysec.url, prefix: 'gh:' }),
    await startBenchNode('redis, appendfsync always', dir, { type: 'redis', url: always.url, prefix: 'gh:' }),
  ];
  nodes.push(...contenders);
  const memoryOf = async (server: RedisServer) => Number(/used_memory:(\d+)/.exec(String(await redisCommand(server.port, 'INFO', 'memory')))![1]);
  const memoryBeforeSignIns = await memoryOf(everysec);
  const throughput = await measureThroughput(contenders, settings, log);
  // What the sign-ins left in Redis (tokens, grants, sessions, history: each kept for its own lifetime).
  const perSignIn = { bytes: (await memoryOf(everysec)) - memoryBeforeSignIns, signIns: throughput[1]!.completed };
  const hashRate = await measureHashRate(settings.concurrency, settings.windowMs);
  log(`\n${throughputTable(throughput, hashRate)}`);
  log(`Redis memory left per sign-in (tokens, grant, sessions, history, each until it expires): ${(perSignIn.bytes / perSignIn.signIns).toFixed(0)} bytes over ${perSignIn.signIns} sign-ins\n`);
  await Promise.all(contenders.map((node) => node.node.stop()));

  const shared = await redis('--appendfsync', 'everysec');
  // A bulk load: an AOF rewrite of a large dataset can hold Redis up for seconds on a busy machine.
  const store = await createRedisStore({ url: shared.url, prefix: 'many:', commandTimeoutMs: 60_000 });
  const memoryBefore = await memoryOf(shared);
  log(`  latency: enrolling ${settings.manyUsers.toLocaleString('en')} users`);
  await fillUsers(store, 'embedded-totp-recovery', 0, settings.manyUsers, (done) => log(`    ${done.toLocaleString('en')}`));
  const memoryAfter = await memoryOf(shared);
  await store.close();
  const fewStore = await createRedisStore({ url: shared.url, prefix: 'few:' });
  await fillUsers(fewStore, 'embedded-totp-recovery', 0, settings.fewUsers);
  await fewStore.close();
  const few = await startBenchNode(`${settings.fewUsers.toLocaleString('en')} users`, dir, { type: 'redis', url: shared.url, prefix: 'few:' });
  const many = await startBenchNode(`${settings.manyUsers.toLocaleString('en')} users`, dir, { type: 'redis', url: shared.url, prefix: 'many:' });
  nodes.push(few, many);
  const latency = await measureLatency(
    [
      { node: few, users: settings.fewUsers },
      { node: many, users: settings.manyUsers },
    ],
    settings.latencySamples,
    log,
  );
  const atScale = { users: settings.manyUsers, bytesPerUser: (memoryAfter - memoryBefore) / settings.manyUsers };

  log(`\n${latencyTable(latency)}`);
  log(`Redis memory per enrolled user at ${atScale.users.toLocaleString('en')} (embedded-directory user, app + recovery codes): ${atScale.bytesPerUser.toFixed(0)} bytes`);
  log(`\n(${Math.round((Date.now() - started) / 1000)} s)`);

  const file = resolve(values.json ?? `bench/results/${new Date().toISOString().slice(0, 10)}-redis${quick ? '-quick' : ''}.json`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ settings, memory, atScale, throughput, hashRate, perSignIn, latency }, null, 2)}\n`);
  log(`results: ${file}`);
} finally {
  await Promise.all(nodes.map((node) => node.node.stop()));
  await Promise.all(servers.map((server) => server.stop()));
  await removeTempDir(dir);
}
