import { parseArgs } from 'node:util';

export interface BenchOptions {
  mode: 'quick' | 'full';
  concurrencies: number[];
  warmupMs: number;
  /** Measured time per contender and concurrency, ms, split into `rounds` windows taken in turns. */
  durationMs: number;
  rounds: number;
  /** Load before each window opens, ms. */
  rampMs: number;
  /** Measured time of the scrypt micro-benchmark per concurrency, ms. */
  hashDurationMs: number;
  jsonFile: string | undefined;
  /** When set, both servers profile their main thread over the measured part and write it here. */
  profileDir: string | undefined;
}

export const USAGE = `Usage: npm run bench:signin -- [--quick | --full] [--concurrency 1,4,8,16] [--duration S] [--json FILE] [--profile DIR]
  --quick        (default) 8 users, 12 s measured per contender (2 windows taken in turns) after a 3 s warm-up:
                 about 20 s per contender
  --full         1, 4, 8 and 16 users, 30 s measured per contender (4 windows) after a 5 s warm-up
  --concurrency  virtual users, a comma-separated sweep
  --duration S   measured seconds per contender and concurrency
  --json FILE    where the results go (default bench/results/<date>-signin.json, -signin-full.json with --full)
  --profile DIR  profile both servers' main thread over the measured part, into DIR/<contender>-<users>/
                 (summarise with node --import tsx bench/signin/profile-summary.ts FILE [OTHER])`;

const PRESETS = {
  quick: { concurrencies: [8], warmupMs: 3_000, rampMs: 2_000, durationMs: 12_000, hashDurationMs: 8_000 },
  full: { concurrencies: [1, 4, 8, 16], warmupMs: 5_000, rampMs: 3_000, durationMs: 30_000, hashDurationMs: 15_000 },
} as const;

/** Reads the command line; throws an Error naming the bad option. */
export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      json: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (values.quick && values.full) throw new Error('--quick and --full exclude each other');
  const mode = values.full ? 'full' : 'quick';
  const preset = PRESETS[mode];
  const concurrencies = values.concurrency ? values.concurrency.split(',').map((part) => positiveInteger(part, '--concurrency')) : [...preset.concurrencies];
  const durationMs = values.duration ? positiveNumber(values.duration, '--duration') * 1000 : preset.durationMs;
  // An even number of windows of about 6-8 s: taken A B, B A, … so a steady drift of the machine cancels out.
  const rounds = Math.max(2, 2 * Math.round(durationMs / 15_000));
  return { mode, concurrencies, warmupMs: preset.warmupMs, rampMs: preset.rampMs, durationMs, rounds, hashDurationMs: preset.hashDurationMs, jsonFile: values.json, profileDir: values.profile };
}

export function positiveInteger(text: string, option: string): number {
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1) throw new Error(`${option}: "${text}" is not a positive whole number`);
  return value;
}

export function positiveNumber(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${option}: "${text}" is not a positive number`);
  return value;
}
