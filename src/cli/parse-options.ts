import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './types.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with every verb's shared options (--config, --help); errors become UsageError. */
export function parseOptions<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({
      args,
      options: { ...options, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
}
