/**
 * Draws a benchmark matrix results file as an SVG figure.
 * Run: node --import tsx bench/plot/run.ts RESULTS.json [OUT.svg]   (OUT defaults to RESULTS.svg beside it)
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { plotSvg } from './plot-svg.js';
import type { PlottedRun } from './plotted-run.js';
import { readRuns } from './read-runs.js';

const [input, output = input?.replace(/(\.json)?$/i, '.svg')] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node --import tsx bench/plot/run.ts RESULTS.json [OUT.svg]');
  process.exit(2);
}
let runs: PlottedRun[];
try {
  runs = await readRuns(input);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
await writeFile(output, await plotSvg(runs, { title: `Sign-ins against concurrency (${basename(input, '.json')})` }));
console.log(`${runs.length} runs -> ${output}`);
