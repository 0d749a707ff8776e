import { OneTimeCodeUsers } from '../common/bench-totp.js';
import type { SigninPath } from '../common/matrix-results.js';
import { BENCH_USER_PASSWORD } from '../ldap/generate-users.js';
import { samlSignIn } from '../saml/saml-sign-in.js';
import type { SignInOnce } from '../signin/load-driver.js';
import { oidcSignIn } from '../signin/sign-in.js';
import { CLIENTS, type UserPools } from './bench-setup.js';
import type { BenchPhone } from './phone.js';

export interface Phones {
  push: BenchPhone[];
  passwordless: BenchPhone[];
}

/**
 * How a virtual user signs in to Gatehouse on each path: the password and SAML paths with a plain user through the
 * open client / the SP, TOTP with the next user whose code is unused through the MFA client, push with the virtual
 * user's own phone through the MFA client, passwordless with its own passwordless phone through the open client.
 * Push approvals are timed into `approvals`.
 */
export function gatehouseSignIn(path: SigninPath, url: string, pools: UserPools, phones: Phones, approvals: number[]): SignInOnce {
  const password = BENCH_USER_PASSWORD;
  const plain = (index: number) => pools.plain[index % pools.plain.length]!;
  const onApproval = (ms: number) => void approvals.push(ms);
  switch (path) {
    case 'password':
      return (index, log) => oidcSignIn(url, CLIENTS.open, { login: plain(index), password }, log);
    case 'saml':
      return async (index, log) => void (await samlSignIn(url, { login: plain(index), password }, log));
    case 'totp': {
      const users = new OneTimeCodeUsers(pools.totp);
      return async (_index, log) => oidcSignIn(url, CLIENTS.mfa, { ...(await users.take()), password }, log);
    }
    case 'push':
    case 'passwordless': {
      const own = phones[path];
      const client = path === 'push' ? CLIENTS.mfa : CLIENTS.open;
      return (index, log) => {
        const phone = own[index % own.length]!;
        return oidcSignIn(url, client, { login: phone.login, password, phone, onApproval }, log);
      };
    }
  }
}

/** The bare baseline's two paths: password through the open client, password + TOTP through the MFA client. */
export function bareSignIn(path: 'password' | 'totp', url: string, pools: UserPools): SignInOnce {
  const password = BENCH_USER_PASSWORD;
  if (path === 'password') return (index, log) => oidcSignIn(url, CLIENTS.open, { login: pools.plain[index % pools.plain.length]!, password }, log);
  const users = new OneTimeCodeUsers(pools.totp);
  return async (_index, log) => oidcSignIn(url, CLIENTS.mfa, { ...(await users.take()), password }, log);
}
