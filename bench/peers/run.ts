/**
 * Peers benchmark (issue #11): Gatehouse and LemonLDAP::NG 2.16 (Debian, FastCGI server + nginx) sign users in over
 * OIDC against the SAME slapd, measured side by side in one run.
 *
 *   sudo bash bench/peers/setup-lemonldap.sh      # once: the Debian packages
 *   node --import tsx bench/peers/run.ts [--second-factor none|totp] [--only gatehouse|lemonldap] [--duration S]
 *     [--concurrency N] [--rounds R] [--users U] [--workers W] [--out FILE]
 *
 * --second-factor none (default): password only, Gatehouse against LemonLDAP::NG.
 * --second-factor totp: LemonLDAP::NG with TOTP required (a device pre-registered for each of the --users logins)
 * against LemonLDAP::NG with the password only, two portals on the same slapd, so the second factor's cost shows in
 * one run. Gatehouse's TOTP side is not here (needs an enrolled Gatehouse user per LDAP user), so this mode needs
 * --only lemonldap. Each TOTP code is used once (OneTimeCodeUsers), as with every contender, although
 * LemonLDAP::NG 2.16 would take it again: hence --users 3000 by default there.
 *
 * --duration is the measured seconds per contender (default 15), split into --rounds windows (default 3) taken in
 * turns A B, B A, … so that other work on the machine falls on both alike; each window follows a 2 s ramp of the
 * same contender. Only one contender is under load at a time. Results: bench/results/<date>-peers[-totp].json.
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
import { OneTimeCodeUsers } from '../common/bench-totp.js';
import { BENCH_SUFFIX, BENCH_USER_PASSWORD, benchLdif, loginOf } from '../ldap/generate-users.js';
import { summarize, type LatencySummary } from '../signin/percentiles.js';
import { clockTicks } from '../signin/proc-stats.js';
import { signIn } from '../signin/sign-in.js';
import { benchLemonLdapOptions } from './bench-lemonldap.js';
import { startLemonLdap, type LemonLdap } from './lemonldap.js';
import { llngSignIn } from './llng-sign-in.js';
import { processTree, treeStats } from './proc-tree.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    'second-factor': { type: 'string', default: 'none' },
    only: { type: 'string' },
    users: { type: 'string' },
    workers: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '3' },
    out: { type: 'string' },
  },
});
const duration = Number(values.duration);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
const secondFactor = values['second-factor'];
if (secondFactor !== 'none' && secondFactor !== 'totp') throw new Error('--second-factor is none or totp');
const only = values.only;
if (only !== undefined && only !== 'gatehouse' && only !== 'lemonldap') throw new Error('--only is gatehouse or lemonldap');
if (secondFactor === 'totp' && only !== 'lemonldap') throw new Error("--second-factor totp measures LemonLDAP::NG only (Gatehouse's TOTP users are not enrolled here): add --only lemonldap");
const userCount = Number(values.users ?? (secondFactor === 'totp' ? 3000 : 100));
const RAMP = 2;

type Id = 'gatehouse' | 'lemonldap-ng' | 'lemonldap-ng+totp';
interface Contender {
  id: Id;
  /** One complete sign-in of a user the contender picks; resolves to the HTTP requests it took. */
  signIn: () => Promise<number>;
  pids: () => number[];
}
interface Tally {
  signins: number;
  requests: number;
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
  const local = { signins: 0, requests: 0, errors: 0, latencies: [] as number[] };
  const user = async () => {
    while (phase !== 'stop') {
      const started = performance.now();
      try {
        const requests = await contender.signIn();
        if (phase === 'measure') (local.signins++, (local.requests += requests), local.latencies.push(performance.now() - started));
      } catch (error) {
        if (phase !== 'measure') continue;
        local.errors++;
        const message = (error as Error).message.slice(0, 200);
        if (tally && tally.errorSamples.length < 5 && !tally.errorSamples.includes(message)) tally.errorSamples.push(message);
      }
    }
  };
  const users = Array.from({ length: concurrency }, () => user());
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
  tally.requests += local.requests;
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
  const nextLogin = roundRobin();
  return {
    contender: {
      id: 'gatehouse',
      signIn: async () => {
        let requests = 0;
        await signIn(url, { login: nextLogin(), password: BENCH_USER_PASSWORD }, { add: () => void requests++ });
        return requests;
      },
      pids: () => [child.pid!],
    },
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** The bench logins in turn: consecutive sign-ins (and so the concurrent ones) are different users. */
function roundRobin(): () => string {
  let n = 0;
  return () => loginOf(1 + (n++ % userCount));
}

async function startLemonLdapContender(id: 'lemonldap-ng' | 'lemonldap-ng+totp', ldapUrl: string): Promise<{ contender: Contender; llng: LemonLdap; codes?: OneTimeCodeUsers }> {
  const totp = id === 'lemonldap-ng+totp';
  const logins = Array.from({ length: userCount }, (_, i) => loginOf(i + 1));
  const llng = await startLemonLdap(benchLemonLdapOptions(ldapUrl, { workers: Number(values.workers), ...(totp ? { totp: true, totpLogins: logins } : {}) }));
  const connect = new URL(llng.connectUrl);
  if (!totp) {
    const nextLogin = roundRobin();
    return { llng, contender: { id, signIn: () => llngSignIn(connect, llng.hostHeader, { login: nextLogin(), password: BENCH_USER_PASSWORD }), pids: llng.pids } };
  }
  const codes = new OneTimeCodeUsers(logins);
  return {
    llng,
    codes,
    contender: { id, signIn: async () => llngSignIn(connect, llng.hostHeader, { ...(await codes.take()), password: BENCH_USER_PASSWORD }), pids: llng.pids },
  };
}

const emptyTally = (): Tally => ({ signins: 0, requests: 0, errors: 0, errorSamples: [], latencies: [], seconds: 0, serverCpu: 0, slapdCpu: 0, otherCpu: 0, rssMb: 0 });
const results = new Map<Id, Tally>();
let codes: OneTimeCodeUsers | undefined;

const ldifDir = await makeTempDir('gatehouse-peer-ldif-');
await writeFile(join(ldifDir, 'users.ldif'), benchLdif(userCount));
const slapd = await startSlapd({ ldif: [join(ldifDir, 'users.ldif')], suffix: BENCH_SUFFIX });
const portals: LemonLdap[] = [];
let gatehouse: Awaited<ReturnType<typeof startGatehouse>> | undefined;
const stopAll = async () => {
  await gatehouse?.stop().catch(() => {});
  for (const portal of portals) await portal.stop().catch(() => {});
  await slapd.stop().catch(() => {});
  await removeTempDir(ldifDir).catch(() => {});
};
process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
try {
  const contenders: Contender[] = [];
  if (secondFactor === 'none' && only !== 'lemonldap') {
    gatehouse = await startGatehouse(slapd.url);
    contenders.push(gatehouse.contender);
  }
  const llngIds: ('lemonldap-ng' | 'lemonldap-ng+totp')[] = only === 'gatehouse' ? [] : secondFactor === 'totp' ? ['lemonldap-ng', 'lemonldap-ng+totp'] : ['lemonldap-ng'];
  for (const id of llngIds) {
    const started = await startLemonLdapContender(id, slapd.url);
    portals.push(started.llng);
    contenders.push(started.contender);
    codes ??= started.codes;
  }
  for (const c of contenders) results.set(c.id, emptyTally());
  // One sign-in each must work before anything is measured.
  for (const c of contenders) console.log(`${c.id}: one sign-in in ${await c.signIn()} requests`);
  console.log(
    `slapd ${slapd.url} (${userCount} users)` +
      (portals.length ? `; LemonLDAP::NG: ${values.workers} FastCGI workers, nginx, Host ${portals.map((p) => p.hostHeader).join(', ')}` : '') +
      (secondFactor === 'totp' ? `; TOTP required on lemonldap-ng+totp, a device registered for each of the ${userCount} users` : ''),
  );
  for (const c of contenders) await window(c, 0, Number(values.warmup), slapd.pid!);
  const per = duration / rounds;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) {
      const tally = results.get(c.id)!;
      await window(c, per, RAMP, slapd.pid!, tally);
      console.log(`  round ${r + 1} ${c.id}: ${tally.signins} sign-ins so far`);
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
  requestsPerSignin: number;
  latencyMs: LatencySummary;
  errors: number;
  errorSamples: string[];
  serverCpuMsPerSignin: number;
  slapdCpuMsPerSignin: number;
  otherLoadCores: number;
  serverRssMb: number;
}
const figures: Figures[] = [...results].map(([id, t]) => {
  return {
    contender: id,
    signins: t.signins,
    seconds: t.seconds,
    signinsPerSecond: t.signins / t.seconds,
    requestsPerSignin: t.requests / Math.max(1, t.signins),
    latencyMs: summarize(t.latencies),
    errors: t.errors,
    errorSamples: t.errorSamples,
    serverCpuMsPerSignin: (t.serverCpu * 1000) / Math.max(1, t.signins),
    slapdCpuMsPerSignin: (t.slapdCpu * 1000) / Math.max(1, t.signins),
    otherLoadCores: t.otherCpu / t.seconds,
    serverRssMb: t.rssMb,
  };
});
const byId = (id: Id) => figures.find((f) => f.contender === id);
const [g, p] = [byId('gatehouse'), byId('lemonldap-ng')];
const ratio = g && p ? g.signinsPerSecond / p.signinsPerSecond : undefined;
const pad = (s: string, n: number) => s.padStart(n);
console.log(`\n${duration} s per contender in ${rounds} alternating windows, concurrency ${concurrency}, ${userCount} users in one slapd, second factor: ${secondFactor}`);
console.log(`${'contender'.padEnd(18)}${pad('sign-ins', 9)}${pad('per s', 8)}${pad('req/si', 7)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}${pad('CPU ms/si', 10)}${pad('slapd ms', 9)}${pad('RSS MB', 8)}${pad('other cores', 12)}`);
for (const f of figures) {
  console.log(
    `${f.contender.padEnd(18)}${pad(String(f.signins), 9)}${pad(f.signinsPerSecond.toFixed(1), 8)}${pad(f.requestsPerSignin.toFixed(1), 7)}${pad(f.latencyMs.p50.toFixed(0), 8)}${pad(f.latencyMs.p95.toFixed(0), 8)}${pad(f.latencyMs.p99.toFixed(0), 8)}` +
      `${pad(String(f.errors), 8)}${pad(f.serverCpuMsPerSignin.toFixed(1), 10)}${pad(f.slapdCpuMsPerSignin.toFixed(2), 9)}${pad(f.serverRssMb.toFixed(0), 8)}${pad(f.otherLoadCores.toFixed(2), 12)}`,
  );
  for (const e of f.errorSamples) console.log(`    error: ${e}`);
}
if (ratio !== undefined) console.log(`throughput ratio Gatehouse / LemonLDAP::NG: ${ratio.toFixed(2)}x (goal: at least 5x) -> ${ratio >= 5 ? 'met' : 'NOT met'}`);
const t = byId('lemonldap-ng+totp');
if (t && p) console.log(`LemonLDAP::NG with TOTP: ${((t.signinsPerSecond / p.signinsPerSecond) * 100).toFixed(0)} % of its password-only throughput`);
// Non-zero means the TOTP pool was too small for the load: some sign-ins waited for the next 30 s step.
if (codes) console.log(`waits for a fresh TOTP step: ${codes.waits}`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}; the driver shares the cores; "other cores" is CPU used by other processes during the windows`);
const out = values.out ?? join('bench', 'results', `${new Date().toISOString().slice(0, 10)}-peers${secondFactor === 'totp' ? '-totp' : ''}.json`);
await mkdir(join(out, '..'), { recursive: true });
await writeFile(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: loadavg(),
      settings: {
        duration,
        rounds,
        concurrency,
        users: userCount,
        lemonldapWorkers: Number(values.workers),
        secondFactor: secondFactor === 'totp' ? 'totp on lemonldap-ng+totp (code used once; pool waits: ' + String(codes?.waits ?? 0) + ')' : 'none (password only)',
      },
      peers: { lemonldap: '2.16.1 (Debian 12 lemonldap-ng, llng-fastcgi-server, nginx 1.22)', gatehouse: 'LDAP directory, embedded store' },
      figures,
      ...(ratio !== undefined ? { ratio: { signinsPerSecond: ratio, goal: 5, met: ratio >= 5 } } : {}),
    },
    null,
    2,
  ) + '\n',
);
console.log(`results written to ${out}`);
