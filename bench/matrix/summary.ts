/**
 * Prints the README's short table (Markdown) from a results file of `npm run bench`:
 * node --import tsx bench/matrix/summary.ts bench/results/DATE-bench-full.json [DIRECTORY/STORE]
 */
import { readFile } from 'node:fs/promises';
import type { MatrixRun } from '../common/matrix-results.js';
import { summaryTable } from './summary-table.js';

const [file, pair = 'ldap/embedded'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --import tsx bench/matrix/summary.ts RESULTS.json [ldap/embedded]');
  process.exit(2);
}
const [directory, store] = pair.split('/') as [MatrixRun['directory'], MatrixRun['store']];
let runs: MatrixRun[];
try {
  runs = (JSON.parse(await readFile(file, 'utf8')) as { runs: MatrixRun[] }).runs;
  if (!Array.isArray(runs)) throw new Error('it has no runs');
} catch (error) {
  console.error(`${file}: ${(error as Error).message}`);
  process.exit(1);
}
console.log(summaryTable(runs, { directory, store }));
