import { parseArgs } from 'node:util';
import type { DirectoryKind, SigninPath, StoreKind } from '../common/matrix-results.js';
import { positiveInteger, positiveNumber } from '../signin/options.js';
import { PATHS } from './bench-setup.js';

export interface MatrixOptions {
  mode: 'quick' | 'full';
  concurrencies: number[];
  rampMs: number;
  windowMs: number;
  rateWindowMs: number;
  paths: SigninPath[];
  setups: Array<{ directory: DirectoryKind; store: StoreKind }>;
  /** LemonLDAP::NG in the run (it needs root and bench/peers/setup-lemonldap.sh); off with --no-peer. */
  peer: boolean;
  floor: boolean;
  jsonFile: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [--quick | --full] [--concurrency 2,8] [--window S] [--paths password,totp,push,passwordless,saml]
                          [--setups embedded/embedded,embedded/redis,ldap/embedded,ldap/redis] [--no-peer] [--no-floor] [--json FILE]
  --quick        (default) 2 and 8 virtual users, a 5 s window per path, contender and concurrency: about 10 minutes
  --full         1, 2, 4, 8, 16 and 32 virtual users, 10 s windows: about 40 minutes
  --concurrency  virtual users, a comma-separated sweep
  --window S     measured seconds per window
  --paths        which sign-in paths (default all five)
  --setups       directory/store pairs (default all four)
  --no-peer      leave LemonLDAP::NG out (it needs root and bench/peers/setup-lemonldap.sh)
  --no-floor     skip the crypto floor
  --json FILE    where the results go (default bench/results/<date>-bench.json, -bench-full.json with --full;
                 the plot goes beside it as .svg)`;

const PRESETS = {
  quick: { concurrencies: [2, 8], rampMs: 1_500, windowMs: 5_000, rateWindowMs: 10_000 },
  full: { concurrencies: [1, 2, 4, 8, 16, 32], rampMs: 2_000, windowMs: 10_000, rateWindowMs: 20_000 },
} as const;

const ALL_SETUPS = ['embedded/embedded', 'embedded/redis', 'ldap/embedded', 'ldap/redis'];

/** Reads the command line; throws an Error naming the bad option. */
export function parseMatrixOptions(argv: string[]): MatrixOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      concurrency: { type: 'string' },
      window: { type: 'string' },
      paths: { type: 'string' },
      setups: { type: 'string' },
      'no-peer': { type: 'boolean' },
      'no-floor': { type: 'boolean' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (values.quick && values.full) throw new Error('--quick and --full exclude each other');
  const mode = values.full ? 'full' : 'quick';
  const preset = PRESETS[mode];
  const concurrencies = values.concurrency ? values.concurrency.split(',').map((part) => positiveInteger(part, '--concurrency')) : [...preset.concurrencies];
  const windowMs = values.window ? positiveNumber(values.window, '--window') * 1000 : preset.windowMs;
  const paths = values.paths ? values.paths.split(',').map((part) => oneOf(part.trim(), PATHS, '--paths')) : [...PATHS];
  const setups = (values.setups ? values.setups.split(',') : ALL_SETUPS).map((part) => {
    const [directory, store] = oneOf(part.trim(), ALL_SETUPS, '--setups').split('/') as [DirectoryKind, StoreKind];
    return { directory, store };
  });
  return { mode, concurrencies, rampMs: preset.rampMs, windowMs, rateWindowMs: preset.rateWindowMs, paths, setups, peer: !values['no-peer'], floor: !values['no-floor'], jsonFile: values.json };
}

function oneOf<T extends string>(text: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(text)) throw new Error(`${option}: "${text}" is not one of ${allowed.join(', ')}`);
  return text as T;
}
