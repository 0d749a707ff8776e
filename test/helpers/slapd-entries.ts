import type { LdifRecord } from './ldif-records.js';

/** The default password policy's lockout. */
export interface PasswordPolicy {
  /** Failed binds before slapd locks the account; 0 (the default) never locks on failures. */
  maxFailures?: number;
  /** How long a lockout lasts; 0 (the default) until an administrator removes pwdAccountLockedTime. */
  lockoutSeconds?: number;
}

const record = (dn: string, lines: string[]): LdifRecord => ({ dn, text: [`dn: ${dn}`, ...lines].join('\n') });

/** The suffix entry for an LDIF that lacks one, from its first RDN (dc=, o= or ou=). */
export function suffixEntry(suffix: string): LdifRecord {
  const match = /^\s*(dc|o|ou)\s*=\s*([^,]+)/i.exec(suffix);
  const kind = match?.[1]?.toLowerCase();
  const value = match?.[2]?.trim() ?? '';
  if (kind === 'dc') return record(suffix, ['objectClass: dcObject', 'objectClass: organization', `dc: ${value}`, `o: ${value}`]);
  if (kind === 'o') return record(suffix, ['objectClass: organization', `o: ${value}`]);
  if (kind === 'ou') return record(suffix, ['objectClass: organizationalUnit', `ou: ${value}`]);
  throw new Error(`cannot make a suffix entry for ${suffix}: put it in the LDIF`);
}

/**
 * The entry ppolicy_default names. Without a default policy with pwdLockout, slapd ignores pwdAccountLockedTime
 * and a disabled account could still bind.
 */
export function passwordPolicyEntry(dn: string, policy: PasswordPolicy): LdifRecord {
  const cn = /^cn=([^,]+)/i.exec(dn)?.[1] ?? 'password-policy';
  return record(dn, [
    'objectClass: organizationalRole',
    'objectClass: pwdPolicy',
    `cn: ${cn}`,
    'pwdAttribute: userPassword',
    'pwdLockout: TRUE',
    `pwdMaxFailure: ${policy.maxFailures ?? 0}`,
    `pwdLockoutDuration: ${policy.lockoutSeconds ?? 0}`,
  ]);
}
