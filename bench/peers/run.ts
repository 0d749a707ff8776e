/**
 * Peers benchmark (issue #11): Gatehouse and LemonLDAP::NG 2.16 (Debian, FastCGI server + nginx) sign users in over
 * OIDC against the SAME slapd, password only, measured side by side in one run.
 *
 *   sudo bash bench/peers/setup-lemonldap.sh      # once: the Debian packages
 *   node --import tsx bench/peers/run.ts [--duration S] [--concurrency N] [--rounds R] [--users U] [--workers W] [--out FILE]
 *
 * --duration is the measured seconds per contender (default 15), split into --rounds windows (default 3) taken in
 * turns A B, B A, … so that other work on the machine falls on both alike; each window follows a 2 s ramp of the
 * same contender. Only one contender is under load at a time. Results: bench/results/<date>-peers.json.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSlapd } from '../../test/helpers/slapd.js';
import { makeTempDir, removeTempDir } from '../../test/helpers/temp-dir.js';
import { BENCH_PEOPLE, BENCH_SERVICE, BENCH_SUFFIX, BENCH_USER_PASSWORD, benchLdif, loginOf } from '../ldap/generate-users.js';
import { BENCH_CLIENT, BENCH_REDIRECT_URI } from '../signin/bench-constants.js';
import { summarize, type LatencySummary } from '../signin/percentiles.js';
import { clockTicks } from '../signin/proc-stats.js';
import { signIn } from '../signin/sign-in.js';
import { startLemonLdap, type LemonLdap } from './lemonldap.js';
import { llngSignIn } from './llng-sign-in.js';
import { processTree, treeStats } from './proc-tree.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    users: { type: 'string', default: '100' },
    workers: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '3' },
    out: { type: 'string' },
  },
});
const duration = Number(values.duration);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
const userCount = Number(values.users);
const RAMP = 2;

type Id = 'gatehouse' | 'lemonldap-ng';
interface Contender {
  id: Id;
  signIn: (login: string) => Promise<void>;
  pids: () => number[];
}
interface Tally {
  signins: number;
  errors: number;
  errorSamples: string[];
  latencies: number[];
  seconds: number;
  serverCpu: number;
  slapdCpu: number;
  otherCpu: number;
  rssMb: number;
}
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

function totalCpuSeconds(): number {
  // /proc/stat first line: user nice system idle iowait irq softirq steal
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) / clockTicks();
}

/** Runs `concurrency` virtual users against one contender for ramp + window seconds; counts what completes in the window. */
async function window(contender: Contender, seconds: number, ramp: number, slapdPid: number, tally?: Tally): Promise<void> {
  let phase: 'ramp' | 'measure' | 'stop' = 'ramp';
  const local = { signins: 0, errors: 0, latencies: [] as number[] };
  const user = async (index: number) => {
    for (let n = 0; phase !== 'stop'; n++) {
      const login = loginOf(1 + ((index * 7919 + n * concurrency) % userCount));
      const started = performance.now();
      try {
        await contender.signIn(login);
        if (phase === 'measure') (local.signins++, local.latencies.push(performance.now() - started));
      } catch (error) {
        if (phase !== 'measure') continue;
        local.errors++;
        const message = (error as Error).message.slice(0, 200);
        if (tally && tally.errorSamples.length < 5 && !tally.errorSamples.includes(message)) tally.errorSamples.push(message);
      }
    }
  };
  const users = Array.from({ length: concurrency }, (_, i) => user(i));
  await sleep(ramp);
  const pids = processTree(contender.pids());
  const before = { server: treeStats(pids).cpuSeconds, slapd: treeStats([slapdPid]).cpuSeconds, driver: process.cpuUsage(), all: totalCpuSeconds() };
  const started = performance.now();
  phase = 'measure';
  await sleep(seconds);
  phase = 'stop';
  const elapsed = (performance.now() - started) / 1000;
  const after = treeStats(pids);
  const server = after.cpuSeconds - before.server;
  const slapd = treeStats([slapdPid]).cpuSeconds - before.slapd;
  const driverUsage = process.cpuUsage(before.driver);
  const driver = (driverUsage.user + driverUsage.system) / 1e6;
  const all = totalCpuSeconds() - before.all;
  await Promise.all(users);
  if (!tally) return;
  tally.signins += local.signins;
  tally.errors += local.errors;
  tally.latencies.push(...local.latencies);
  tally.seconds += elapsed;
  tally.serverCpu += server;
  tally.slapdCpu += slapd;
  tally.otherCpu += Math.max(0, all - server - slapd - driver);
  tally.rssMb = Math.max(tally.rssMb, after.rssMb);
}

async function startGatehouse(ldapUrl: string): Promise<{ contender: Contender; stop: () => Promise<void> }> {
  const server = fileURLToPath(new URL('../ldap/signin-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', server, 'ldap', ldapUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [ready] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const url = /^READY (\S+)$/.exec(ready)?.[1];
  if (!url) throw new Error(`Gatehouse said: ${ready}`);
  const noLog = { add() {} };
  return {
    contender: { id: 'gatehouse', signIn: (login) => signIn(url, { login, password: BENCH_USER_PASSWORD }, noLog), pids: () => [child.pid!] },
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

const results: Record<Id, Tally> = {
  gatehouse: { signins: 0, errors: 0, errorSamples: [], latencies: [], seconds: 0, serverCpu: 0, slapdCpu: 0, otherCpu: 0, rssMb: 0 },
  'lemonldap-ng': { signins: 0, errors: 0, errorSamples: [], latencies: [], seconds: 0, serverCpu: 0, slapdCpu: 0, otherCpu: 0, rssMb: 0 },
};

const ldifDir = await makeTempDir('gatehouse-peer-ldif-');
await writeFile(join(ldifDir, 'users.ldif'), benchLdif(userCount));
const slapd = await startSlapd({ ldif: [join(ldifDir, 'users.ldif')], suffix: BENCH_SUFFIX });
let llng: LemonLdap | undefined;
let gatehouse: Awaited<ReturnType<typeof startGatehouse>> | undefined;
const stopAll = async () => {
  await gatehouse?.stop().catch(() => {});
  await llng?.stop().catch(() => {});
  await slapd.stop().catch(() => {});
  await removeTempDir(ldifDir).catch(() => {});
};
process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
try {
  llng = await startLemonLdap({
    ldapUrl: slapd.url,
    ldapBase: BENCH_PEOPLE,
    managerDn: BENCH_SERVICE.dn,
    managerPassword: BENCH_SERVICE.password,
    client: { ...BENCH_CLIENT, redirectUri: BENCH_REDIRECT_URI },
    workers: Number(values.workers),
  });
  gatehouse = await startGatehouse(slapd.url);
  const l = llng;
  const connect = new URL(l.connectUrl);
  const contenders: Contender[] = [
    gatehouse.contender,
    { id: 'lemonldap-ng', signIn: async (login) => void (await llngSignIn(connect, l.hostHeader, { login, password: BENCH_USER_PASSWORD })), pids: l.pids },
  ];
  // One sign-in each must work before anything is measured.
  for (const c of contenders) await c.signIn(loginOf(1));
  console.log(`slapd ${slapd.url} (${userCount} users); Gatehouse and LemonLDAP::NG (${values.workers} FastCGI workers, nginx, Host ${l.hostHeader}) each signed one user in`);
  for (const c of contenders) await window(c, 0, Number(values.warmup), slapd.pid!);
  const per = duration / rounds;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) {
      await window(c, per, RAMP, slapd.pid!, results[c.id]);
      console.log(`  round ${r + 1} ${c.id}: ${results[c.id].signins} sign-ins so far`);
    }
  }
} finally {
  await stopAll();
}

interface Figures {
  contender: Id;
  signins: number;
  seconds: number;
  signinsPerSecond: number;
  latencyMs: LatencySummary;
  errors: number;
  errorSamples: string[];
  serverCpuMsPerSignin: number;
  slapdCpuMsPerSignin: number;
  otherLoadCores: number;
  serverRssMb: number;
}
const figures: Figures[] = (Object.keys(results) as Id[]).map((id) => {
  const t = results[id];
  return {
    contender: id,
    signins: t.signins,
    seconds: t.seconds,
    signinsPerSecond: t.signins / t.seconds,
    latencyMs: summarize(t.latencies),
    errors: t.errors,
    errorSamples: t.errorSamples,
    serverCpuMsPerSignin: (t.serverCpu * 1000) / Math.max(1, t.signins),
    slapdCpuMsPerSignin: (t.slapdCpu * 1000) / Math.max(1, t.signins),
    otherLoadCores: t.otherCpu / t.seconds,
    serverRssMb: t.rssMb,
  };
});
const [g, p] = figures as [Figures, Figures];
const ratio = g.signinsPerSecond / p.signinsPerSecond;
const pad = (s: string, n: number) => s.padStart(n);
console.log(`\n${duration} s per contender in ${rounds} alternating windows, concurrency ${concurrency}, ${userCount} users in one slapd, password only`);
console.log(`${'contender'.padEnd(14)}${pad('sign-ins', 9)}${pad('per s', 8)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}${pad('CPU ms/si', 10)}${pad('slapd ms', 9)}${pad('RSS MB', 8)}${pad('other cores', 12)}`);
for (const f of figures) {
  console.log(
    `${f.contender.padEnd(14)}${pad(String(f.signins), 9)}${pad(f.signinsPerSecond.toFixed(1), 8)}${pad(f.latencyMs.p50.toFixed(0), 8)}${pad(f.latencyMs.p95.toFixed(0), 8)}${pad(f.latencyMs.p99.toFixed(0), 8)}` +
      `${pad(String(f.errors), 8)}${pad(f.serverCpuMsPerSignin.toFixed(1), 10)}${pad(f.slapdCpuMsPerSignin.toFixed(2), 9)}${pad(f.serverRssMb.toFixed(0), 8)}${pad(f.otherLoadCores.toFixed(2), 12)}`,
  );
  for (const e of f.errorSamples) console.log(`    error: ${e}`);
}
console.log(`throughput ratio Gatehouse / LemonLDAP::NG: ${ratio.toFixed(2)}x (goal: at least 5x) -> ${ratio >= 5 ? 'met' : 'NOT met'}`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}; the driver shares the cores; "other cores" is CPU used by other processes during the windows`);
const out = values.out ?? join('bench', 'results', `${new Date().toISOString().slice(0, 10)}-peers.json`);
await mkdir(join(out, '..'), { recursive: true });
await writeFile(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: loadavg(),
      settings: { duration, rounds, concurrency, users: userCount, lemonldapWorkers: Number(values.workers), secondFactor: 'none (password only)' },
      peers: { lemonldap: '2.16.1 (Debian 12 lemonldap-ng, llng-fastcgi-server, nginx 1.22)', gatehouse: 'LDAP directory, embedded store' },
      figures,
      ratio: { signinsPerSecond: ratio, goal: 5, met: ratio >= 5 },
    },
    null,
    2,
  ) + '\n',
);
console.log(`results written to ${out}`);
