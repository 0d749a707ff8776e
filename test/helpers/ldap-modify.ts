import { ldapToolEnv } from './ldap-search.js';
import { runCommand } from './run-command.js';
import { systemBinary } from './system-binary.js';

/** Applies LDIF change records (changetype: add / modify / delete …) with ldapmodify; throws on a failure. */
export async function ldapModify(url: string, bindDN: string, password: string, ldif: string): Promise<void> {
  const args = ['-x', '-H', url, '-D', bindDN, '-w', password];
  const result = await runCommand(systemBinary('ldapmodify', 'ldap-utils'), args, { input: ldif, env: ldapToolEnv });
  if (result.code !== 0) throw new Error(`ldapmodify exited ${String(result.code)}:\n${result.stderr.trim()}`);
}
