import { ldapToolEnv } from './ldap-search.js';
import { runCommand } from './run-command.js';
import { systemBinary } from './system-binary.js';

export interface LdapBindResult {
  ok: boolean;
  /** ldapwhoami's exit code: 0 on success, else the LDAP result code (49 for invalid credentials). */
  code: number | null;
  /** What the server said, e.g. "ldap_bind: Invalid credentials (49); Account locked". */
  message: string;
}

/**
 * Tries a simple bind with ldapwhoami, sending the password-policy control so a locked account says so.
 * For Samba use a search instead: it lacks the WhoAmI operation.
 */
export async function ldapBind(url: string, dn: string, password: string): Promise<LdapBindResult> {
  const result = await runCommand(systemBinary('ldapwhoami', 'ldap-utils'), ['-x', '-e', 'ppolicy', '-H', url, '-D', dn, '-w', password], { env: ldapToolEnv });
  return { ok: result.code === 0, code: result.code, message: (result.stderr || result.stdout).trim() };
}
