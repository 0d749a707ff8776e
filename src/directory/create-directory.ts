import type { Config } from '../config/index.js';
import type { Store } from '../store/types.js';
import { systemClock } from '../clock/clock.js';
import { EmbeddedDirectory } from './embedded/embedded-directory.js';
import { LdapDirectory } from './ldap/ldap-directory.js';
import { ldapOptionsFromConfig } from './ldap/ldap-options.js';
import type { LdapDependencies } from './ldap/types.js';
import type { Directory } from './types.js';

/** Builds the directory named in config (the LDAP one takes a clock and a logger for failover and warnings). */
export function createDirectory(config: Config, store: Store, deps: Partial<LdapDependencies> = {}): Directory {
  switch (config.directory.type) {
    case 'embedded':
      return new EmbeddedDirectory(store);
    case 'ldap':
      return new LdapDirectory(ldapOptionsFromConfig(config.directory, config.baseDir), { clock: deps.clock ?? systemClock, ...(deps.logger ? { logger: deps.logger } : {}) });
  }
}
