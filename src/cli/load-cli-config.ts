import { loadConfig, type Config } from '../config/index.js';
import type { CliIo } from './types.js';

/** --config FILE, else GATEHOUSE_CONFIG, else the defaults (a ConfigError is reported by main as exit 2). */
export function loadCliConfig(file: string | undefined, io: CliIo): Config {
  return loadConfig(file, io.env);
}
