import { runCommand } from './run-command.js';
import { systemBinary } from './system-binary.js';

export interface LdapSearchOptions {
  base: string;
  filter?: string;
  attributes?: string[];
  scope?: 'base' | 'one' | 'sub';
  /** Bind as this DN (simple bind); anonymous without it. */
  bindDN?: string;
  password?: string;
}

export interface LdapEntry {
  dn: string;
  /** Attribute names as the server spelled them; base64 (`::`) values decoded. */
  attributes: Record<string, string[]>;
}

// LDAPNOINIT: ignore /etc/ldap/ldap.conf and ~/.ldaprc, so a machine's settings cannot change what tests see.
export const ldapToolEnv = { ...process.env, LDAPNOINIT: '1' };

/** Searches with Debian's ldapsearch (a client nobody here wrote) and parses its LDIF; throws on a non-zero exit. */
export async function ldapSearch(url: string, options: LdapSearchOptions): Promise<LdapEntry[]> {
  const bind = options.bindDN === undefined ? [] : ['-D', options.bindDN, '-w', options.password ?? ''];
  const args = ['-x', '-LLL', '-o', 'ldif-wrap=no', '-H', url, ...bind, '-b', options.base, '-s', options.scope ?? 'sub'];
  const result = await runCommand(systemBinary('ldapsearch', 'ldap-utils'), [...args, options.filter ?? '(objectClass=*)', ...(options.attributes ?? [])], { env: ldapToolEnv });
  if (result.code !== 0) throw new Error(`ldapsearch exited ${String(result.code)}: ${result.stderr.trim()}`);
  return parseLdif(result.stdout);
}

function parseLdif(text: string): LdapEntry[] {
  const entries: LdapEntry[] = [];
  for (const block of text.split(/\n\n+/)) {
    let entry: LdapEntry | undefined;
    for (const line of block.split('\n')) {
      const match = /^([^:#]+)(::?) ?(.*)$/.exec(line);
      if (match === null) continue;
      const [, name = '', colons, raw = ''] = match;
      const value = colons === '::' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      if (entry === undefined && name.toLowerCase() === 'dn') entry = { dn: value, attributes: {} };
      else if (entry !== undefined) (entry.attributes[name] ??= []).push(value);
    }
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}
