import { resolve } from 'node:path';
import { restoreData } from '../backup/index.js';
import { loadCliConfig } from './load-cli-config.js';
import { parseOptions } from './parse-options.js';
import { EXIT, UsageError, type Verb } from './types.js';

const USAGE = `usage: gatehouse restore --in FILE [--replace] [--config FILE]
  puts the records of a backup into the configured store (embedded or Redis, whichever made the backup), in one
  step: running nodes see the old records or the new, never a mix. The whole file is checked first; a file that
  cannot be decrypted or is damaged changes nothing. A store that already holds records is left alone unless
  --replace is given; then its records are replaced by the backup's. Needs the cluster secret the backup was
  made under.`;

/** `gatehouse restore --in FILE [--replace]`. */
export const restoreVerb: Verb = {
  name: 'restore',
  summary: 'put a backup into the store (embedded or Redis)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { in: { type: 'string' }, replace: { type: 'boolean' } });
    if (values.help) return io.out(USAGE), EXIT.ok;
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.in) throw new UsageError('--in FILE is required');
    const config = loadCliConfig(values.config, io);
    const file = resolve(values.in);
    const summary = await restoreData(config, file, { replace: values.replace === true, env: io.env });
    io.out(
      `restore: ${summary.records} records of ${summary.kinds} kinds from a backup of the ${summary.header.source} store made ${summary.header.createdAt} ` +
        `are now in the ${summary.target} store${summary.replaced ? ` (replacing ${summary.replaced} records)` : ''}`,
    );
    return EXIT.ok;
  },
};
