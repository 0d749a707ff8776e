import { cpus, totalmem } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCRYPT_PARAMS } from '../../src/directory/index.js';
import type { Comparison } from './compare.js';
import type { ContenderRun } from './contender-run.js';
import type { HashRun } from './measure-hash.js';
import type { BenchOptions } from './options.js';

/** bench/results/<YYYY-MM-DD>-signin.json (-signin-full.json for --full, so a quick run keeps the sweep). */
export function defaultResultsFile(mode: BenchOptions['mode'], now = new Date()): string {
  const suffix = mode === 'full' ? '-full' : '';
  return fileURLToPath(new URL(`../results/${now.toISOString().slice(0, 10)}-signin${suffix}.json`, import.meta.url));
}

/** Writes every figure of the run, with the machine and settings it was measured on. */
export async function writeResults(file: string, data: { options: BenchOptions; hashes: HashRun[]; runs: ContenderRun[]; comparisons: Comparison[] }): Promise<void> {
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
  const document = { benchmark: 'signin', date: new Date().toISOString(), machine, scrypt: SCRYPT_PARAMS, ...data };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
}
