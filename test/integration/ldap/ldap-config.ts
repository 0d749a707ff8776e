import type { ConfigInput } from '../../../src/config/index.js';
import { serviceAccount, usersSuffix } from '../../fixtures/ldap/users.js';

type LdapDirectoryInput = Extract<NonNullable<ConfigInput['directory']>, { type: 'ldap' }>;

/** The `directory` config for the users fixture on these servers: the service account, uid and mail as logins. */
export function ldapDirectory(urls: string[], overrides: Partial<LdapDirectoryInput> = {}): LdapDirectoryInput {
  return {
    type: 'ldap',
    urls,
    bindDN: serviceAccount.dn,
    bindPassword: serviceAccount.password,
    baseDN: usersSuffix,
    loginAttributes: ['uid', 'mail'],
    groups: 'memberOf',
    // Generous: two cores shared with other test runs; the failover tests set their own.
    timeout: '5s',
    ...overrides,
  };
}
