import type { Config } from '../config/index.js';
import type { Store } from '../store/types.js';
import { EmbeddedDirectory } from './embedded/embedded-directory.js';
import type { Directory } from './types.js';

/** Builds the directory named in config. */
export function createDirectory(config: Config, store: Store): Directory {
  switch (config.directory.type) {
    case 'embedded':
      return new EmbeddedDirectory(store);
    case 'ldap':
      throw new Error('directory.type: ldap is not available in this version yet; use embedded');
  }
}
