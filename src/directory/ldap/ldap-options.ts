import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../../config/index.js';
import type { LdapDirectoryOptions } from './types.js';

type LdapConfig = Extract<Config['directory'], { type: 'ldap' }>;

/** The directory's options from config: the CA file read (relative to the config file's folder). */
export function ldapOptionsFromConfig(directory: LdapConfig, baseDir: string): LdapDirectoryOptions {
  let ca: string | undefined;
  if (directory.tls.ca) {
    const path = resolve(baseDir, directory.tls.ca);
    try {
      ca = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`directory.tls.ca: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return {
    urls: directory.urls,
    ...(directory.bindDN ? { bindDN: directory.bindDN } : {}),
    ...(directory.bindPassword !== undefined ? { bindPassword: directory.bindPassword } : {}),
    baseDN: directory.baseDN,
    loginAttributes: directory.loginAttributes,
    userFilter: directory.userFilter,
    groupFilter: directory.groupFilter,
    groups: directory.groups,
    idAttribute: directory.idAttribute,
    attributes: directory.attributes,
    disabled: directory.disabled,
    bindMode: directory.bindMode,
    upnSuffix: directory.upnSuffix,
    timeout: directory.timeout,
    startTls: directory.startTls,
    ...(ca ? { ca } : {}),
    poolSize: directory.poolSize,
    retryAfter: directory.retryAfter,
    cacheTtl: directory.cacheTtl,
  };
}
