/**
 * Sign-in benchmark (issue #2): complete OIDC sign-ins (authorize -> sign-in pages -> code -> token) against
 * Gatehouse and, in the same run, a bare oidc-provider baseline doing the same password check; the scrypt cost
 * is measured apart. Prints the table and the Gatehouse/baseline ratios; writes JSON to bench/results/.
 * Run: npm run bench:signin [-- --full | --concurrency 1,4 --duration 30 --json FILE --profile DIR]
 */
import { resolve } from 'node:path';
import { compare, type Comparison } from './compare.js';
import { CONTENDERS } from './contenders.js';
import type { ContenderRun } from './contender-run.js';
import { measureContenders } from './measure-contenders.js';
import { measureHash, type HashRun } from './measure-hash.js';
import { parseOptions, USAGE } from './options.js';
import { costTable, ratiosTable, resultsTable, routesTable } from './report.js';
import { defaultResultsFile, writeResults } from './results-file.js';
import { optionsOrExit } from '../common/options-or-exit.js';

const options = optionsOrExit(parseOptions, USAGE);
const seconds = (ms: number) => `${ms / 1000} s`;
console.log(
  `Sign-in benchmark (${options.mode}): ${options.concurrencies.join(', ')} virtual users; per contender ${seconds(options.durationMs)} measured ` +
    `in ${options.rounds} windows taken in turns, after a ${seconds(options.warmupMs)} warm-up\n`,
);

const hashes: HashRun[] = [];
const runs: ContenderRun[] = [];
const comparisons: Comparison[] = [];
for (const concurrency of options.concurrencies) {
  console.log(`  ${concurrency} users: scrypt alone`);
  const hash = await measureHash(concurrency, options.warmupMs, options.hashDurationMs);
  hashes.push(hash);
  console.log(`  ${concurrency} users: ${CONTENDERS.map((contender) => contender.label).join(' and ')}, in turns`);
  const measured = await measureContenders(CONTENDERS, {
    concurrency,
    warmupMs: options.warmupMs,
    rampMs: options.rampMs,
    sliceMs: options.durationMs / options.rounds,
    rounds: options.rounds,
    ...(options.profileDir ? { profileDir: resolve(options.profileDir) } : {}),
  });
  for (const run of measured) if (run.errors) console.log(`    ${run.contender}: ${run.errors} failed sign-ins, e.g. ${run.errorSamples.join(' | ')}`);
  runs.push(...measured);
  const of = (id: ContenderRun['contender']) => measured.find((run) => run.contender === id)!;
  comparisons.push(compare(of('baseline'), of('gatehouse'), hash));
}

console.log(`\n${resultsTable(runs, hashes)}\n`);
console.log(`${costTable(runs, hashes)}\n`);
console.log(
  'Gatehouse / baseline. hash normalised: (scrypt alone + beyond hash) of each, the goal\'s measure; beyond hash:\n' +
    `server CPU outside the threadpool (Gatehouse / baseline ms in brackets)\n${ratiosTable(comparisons)}\n`,
);
const noisy = [...runs, ...hashes].some((run) => run.backgroundCores > 0.25);
if (noisy) console.log('Note: other processes used this machine during the run (see "other load"): throughput and latency are disturbed; CPU per sign-in much less so.\n');
const breakdownAt = options.concurrencies[0];
for (const run of runs.filter((candidate) => candidate.concurrency === breakdownAt)) console.log(`${routesTable(run)}\n`);

const file = options.jsonFile ? resolve(options.jsonFile) : defaultResultsFile(options.mode);
await writeResults(file, { options, hashes, runs, comparisons });
console.log(`Results written to ${file}`);
