/**
 * The benchmark (issue #11): complete sign-ins on every path (OIDC password, password + TOTP, password + push,
 * passwordless, SAML POST) x directory (embedded, slapd) x store (embedded, Redis) x a concurrency sweep, beside
 * the bare oidc-provider baseline (password, password + TOTP) and LemonLDAP::NG (password, password + TOTP, same
 * slapd) in the same run; the crypto floor; open-loop p99 at half the best throughput; push approval latency.
 * Prints the tables and the goals; writes bench/results/<date>-bench.json and a plot beside it (.svg).
 * Run: npm run bench [-- --full | --concurrency 2,8 --window 5 --paths ... --setups ... --no-peer --json FILE]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OneTimeCodeUsers } from './common/bench-totp.js';
import { measureCryptoFloor } from './floor/crypto-floor.js';
import { judgeGoals } from './matrix/goals.js';
import { startLemonLdapPeer } from './matrix/lemonldap-peer.js';
import { parseMatrixOptions, USAGE } from './matrix/options.js';
import { floorText, goalsText, ratesTable, runsTable } from './matrix/report.js';
import { runMatrix, type Peer } from './matrix/run-matrix.js';
import { scryptCheckMs } from './matrix/scrypt-cost.js';
import { summaryTable } from './matrix/summary-table.js';
import { startSharedServices } from './matrix/shared-services.js';
import { plotSvg } from './plot/plot-svg.js';
import { optionsOrExit } from './common/options-or-exit.js';

const options = optionsOrExit(parseMatrixOptions, USAGE);
const print = (line: string) => console.log(line);
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadavg() };
print(`Gatehouse benchmark (${options.mode}): ${options.concurrencies.join(', ')} virtual users, ${options.windowMs / 1000} s windows after ${options.rampMs / 1000} s ramps; ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}`);

const floor = options.floor ? await measureCryptoFloor() : undefined;
const scryptMs = await scryptCheckMs();
if (floor) print(`\nCrypto floor (one thread):\n${floorText(floor, scryptMs)}`);

const services = await startSharedServices();
let peer: (Peer & { stop(): Promise<void> }) | undefined;
let peerNote = 'left out (--no-peer)';
const stopAll = async () => {
  await peer?.stop().catch(() => {});
  await services.stop();
};
process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
let measured: Awaited<ReturnType<typeof runMatrix>>;
try {
  if (options.peer && options.setups.some((s) => s.directory === 'ldap' && s.store === 'embedded')) {
    const started = await startLemonLdapPeer(services.slapd.url, Math.max(...options.concurrencies));
    if ('reason' in started) peerNote = `not run: ${started.reason}`;
    else ((peer = started), (peerNote = started.description));
    print(`LemonLDAP::NG: ${peerNote}`);
  }
  measured = await runMatrix(options, { ldapUrl: services.slapd.url, slapdPid: services.slapd.pid, redisUrl: services.redis.url, redisPid: services.redis.pid }, peer, print);
} finally {
  await stopAll();
}
const { runs, rates } = measured;
const goals = judgeGoals(runs, rates);

print(`\n${runsTable(runs, floor, scryptMs)}`);
print('CPU ms: the server process tree per sign-in (slapd and Redis apart); x floor: that over the crypto floor; req: browser requests');
print('per sign-in (push: plus 2 phone calls and the page\'s event stream); other: cores other processes used; push p99: phone sends');
print('the approval -> browser back at the app.');
if (rates.length) print(`\n${ratesTable(rates)}`);
print(`\nGoals (LDAP directory, embedded store, where all three contenders meet):\n${goalsText(goals)}`);
print(`\nSummary (LDAP directory, embedded store; Markdown, as in the README):\n${summaryTable(runs, { directory: 'ldap', store: 'embedded' })}`);
if (OneTimeCodeUsers.totalWaits > 0) print(`\nNote: TOTP users ran out ${OneTimeCodeUsers.totalWaits} times and sign-ins waited for the next 30 s step: those latencies include the wait.`);
if (runs.some((run) => run.otherLoadCores > 0.25)) print('\nNote: other processes used this machine during some windows ("other"): their throughput and latency are disturbed.');

const file = options.jsonFile ? resolve(options.jsonFile) : fileURLToPath(new URL(`./results/${new Date().toISOString().slice(0, 10)}-bench${options.mode === 'full' ? '-full' : ''}.json`, import.meta.url));
await mkdir(dirname(file), { recursive: true });
await writeFile(file, `${JSON.stringify({ benchmark: 'matrix', date: new Date().toISOString(), machine, options, peer: peerNote, floor, scryptMs, totpPoolWaits: OneTimeCodeUsers.totalWaits, runs, rates, goals }, null, 2)}\n`);
const svg = file.replace(/\.json$/, '') + '.svg';
await writeFile(svg, await plotSvg(runs, { title: `Gatehouse sign-ins, ${options.mode} run, ${new Date().toISOString().slice(0, 10)}, ${machine.cpus} cores` }));
print(`\nResults written to ${file}\nPlot written to ${svg}`);
