import { resolve } from 'node:path';
import { backupData } from '../backup/index.js';
import { loadCliConfig } from './load-cli-config.js';
import { parseOptions } from './parse-options.js';
import { EXIT, UsageError, type Verb } from './types.js';

const USAGE = `usage: gatehouse backup --out FILE [--config FILE]
  writes a consistent, encrypted snapshot of every durable record of the store (users of the embedded directory,
  MFA registrations, devices, recovery codes, lockout history, API tokens); works while the server runs.
  The key is derived from the cluster secret (secrets.key, GATEHOUSE_SECRET_KEY or dataDir/secret.key): keep
  that secret apart from the backups, a restore needs it. Sessions and sign-ins in progress are not included.`;

/** `gatehouse backup --out FILE`. */
export const backupVerb: Verb = {
  name: 'backup',
  summary: 'write an encrypted snapshot of the durable data',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { out: { type: 'string' } });
    if (values.help) return io.out(USAGE), EXIT.ok;
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.out) throw new UsageError('--out FILE is required');
    const config = loadCliConfig(values.config, io);
    const out = resolve(values.out);
    const summary = await backupData(config, out, io.env);
    io.out(`backup: ${summary.records} records of ${summary.kinds} kinds from the ${summary.source} store written to ${out} (${summary.bytes} bytes)`);
    return EXIT.ok;
  },
};
