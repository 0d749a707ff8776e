/**
 * The LDAP benchmark (issue #6): `node --import tsx bench/ldap/run.ts [--sizes 10000,50000,100000] [--changes 100]
 * [--signin-seconds 10] [--concurrency 8] [--no-signins] [--out FILE]`.
 *
 * - Import: N generated users are loaded into a fresh slapd (slapadd, offline), then `users import --base` is timed
 *   into a fresh embedded store: users per second (goal: 100,000 users in under 60 s).
 * - Incremental sync: after the first full sync, `--changes` users get a new mail (ldapmodify) and the next sync
 *   is timed (goal: under 5 s at 50,000 users). It reads the changed entries (modifyTimestamp) and lists every id
 *   of the scope (to find who left).
 * - Sign-ins: complete OIDC sign-ins per second with the LDAP directory (the largest slapd) and with the embedded
 *   one, each contender its own process, the driver here.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSlapd, type Slapd } from '../../test/helpers/slapd.js';
import { makeTempDir, removeTempDir } from '../../test/helpers/temp-dir.js';
import { BENCH_SERVICE, benchLdif } from './generate-users.js';
import { measureSignins, type SigninFigures } from './measure-signins.js';
import { measureSync, type SyncFigures } from './measure-sync.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,50000,100000' },
    changes: { type: 'string', default: '100' },
    'signin-seconds': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'no-signins': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const changes = Number(values.changes);

async function withSlapd<T>(users: number, work: (slapd: Slapd, loadSeconds: number) => Promise<T>): Promise<T> {
  const dir = await makeTempDir('gatehouse-bench-ldif-');
  const file = join(dir, 'users.ldif');
  await writeFile(file, benchLdif(users));
  const started = performance.now();
  // As an admin gives Gatehouse's service account paged searches beyond slapd's default size limit of 500.
  const slapd = await startSlapd({ ldif: [file], suffix: 'dc=bench,dc=test', limits: [`dn.exact="${BENCH_SERVICE.dn}" size.prtotal=unlimited`] });
  const loadSeconds = (performance.now() - started) / 1000;
  try {
    return await work(slapd, loadSeconds);
  } finally {
    await slapd.stop();
    await removeTempDir(dir);
  }
}

const syncs: Array<SyncFigures & { slapdLoadSeconds: number }> = [];
const signins: SigninFigures[] = [];
for (const size of sizes) {
  const last = size === sizes.at(-1);
  await withSlapd(size, async (slapd, slapdLoadSeconds) => {
    const figures = await measureSync(slapd, size, changes);
    syncs.push({ ...figures, slapdLoadSeconds });
    console.log(
      `${size.toLocaleString('en')} users: import ${figures.importSeconds.toFixed(1)} s (${Math.round(figures.usersPerSecond).toLocaleString('en')} users/s), ` +
        `full sync ${figures.fullSyncSeconds.toFixed(1)} s, incremental after ${changes} changes ${figures.incrementalSeconds.toFixed(2)} s (slapadd ${slapdLoadSeconds.toFixed(1)} s)`,
    );
    if (last && !values['no-signins']) {
      const options = { concurrency: Number(values.concurrency), warmup: 3, seconds: Number(values['signin-seconds']) };
      for (const directory of ['ldap', 'embedded'] as const) {
        const result = await measureSignins(directory, slapd.url, options);
        signins.push(result);
        console.log(
          `sign-ins, ${directory} directory${directory === 'ldap' ? ` (${size.toLocaleString('en')} users in slapd)` : ' (scrypt N=2^15 r=8 p=3)'}: ` +
            `${result.perSecond.toFixed(1)}/s at concurrency ${result.concurrency}, p50 ${result.latencyMs.p50.toFixed(0)} ms, p95 ${result.latencyMs.p95.toFixed(0)} ms, ` +
            `server CPU ${result.serverCpuMsPerSignin.toFixed(1)} ms/sign-in, errors ${result.errors}`,
        );
      }
    }
  });
}

const goal100k = syncs.find((s) => s.users >= 100_000);
const goal50k = syncs.find((s) => s.users === 50_000);
if (goal100k) console.log(`goal: 100,000 users imported in under 60 s: ${goal100k.importSeconds.toFixed(1)} s ${goal100k.importSeconds < 60 ? 'met' : 'NOT met'}`);
if (goal50k) console.log(`goal: incremental sync after ${changes} changes at 50,000 users under 5 s: ${goal50k.incrementalSeconds.toFixed(2)} s ${goal50k.incrementalSeconds < 5 ? 'met' : 'NOT met'}`);

const os = await import('node:os');
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')} (other work on the machine counts in every figure)`);
const results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg(), syncs, signins };
const out = values.out ?? join('bench', 'results', `${new Date().toISOString().slice(0, 10)}-ldap.json`);
await mkdir(join(out, '..'), { recursive: true });
await writeFile(out, JSON.stringify(results, null, 2) + '\n');
console.log(`results written to ${out}`);
