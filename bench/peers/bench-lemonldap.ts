import { BENCH_PEOPLE, BENCH_SERVICE } from '../ldap/generate-users.js';
import { BENCH_CLIENT, BENCH_REDIRECT_URI } from '../signin/bench-constants.js';
import type { LemonLdapOptions } from './lemonldap.js';

/** LemonLDAP::NG on the bench slapd (users under ou=people, found as the service account) with the bench OIDC client. */
export function benchLemonLdapOptions(ldapUrl: string, more: Pick<LemonLdapOptions, 'workers' | 'totp' | 'totpLogins'> = {}): LemonLdapOptions {
  return {
    ldapUrl,
    ldapBase: BENCH_PEOPLE,
    managerDn: BENCH_SERVICE.dn,
    managerPassword: BENCH_SERVICE.password,
    client: { ...BENCH_CLIENT, redirectUri: BENCH_REDIRECT_URI },
    ...more,
  };
}
