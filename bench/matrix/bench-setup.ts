import { loginOf } from '../ldap/generate-users.js';
import type { DirectoryKind, SigninPath, StoreKind } from '../common/matrix-results.js';

/**
 * What the matrix benchmark signs in to: two OIDC clients (one the policy lets in on a password, one it requires
 * MFA for), one SAML SP, and users in pools by what they have enrolled. Pools never overlap, so a path's users
 * are never slowed by another path's state (one-time TOTP steps, pending pushes).
 */
export const CLIENTS = {
  /** Policy: allow on a password (or on a passwordless push). */
  open: { id: 'bench-app', secret: 'bench-app-secret-not-for-production' },
  /** Policy: require MFA. */
  mfa: { id: 'bench-mfa', secret: 'bench-mfa-secret-not-for-production' },
} as const;

export const SECRET_KEY = 'bench-secret-0123456789abcdef0123456789';

export const POLICIES_YAML = `policies:
  - name: Require MFA for the MFA bench app
    applications: { include: [${CLIENTS.mfa.id}] }
    grant: { require: { mfa: true } }
`;

/** Which slapd users (bench/ldap/generate-users.ts logins) each path signs in with. */
export interface UserPools {
  /** No second factor: the password and SAML paths. */
  plain: string[];
  /** An authenticator app (the key from bench/common/bench-totp.ts). */
  totp: string[];
  /** A phone, passwordless off: password + push. */
  push: string[];
  /** A phone, passwordless on. */
  passwordless: string[];
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => loginOf(from + i));

/**
 * A TOTP user signs in once per 30 s step, so the pool must hold 30 x the highest throughput expected: LDAP
 * sign-ins run at tens per second, embedded-directory ones (scrypt) at a few. A phone serves one virtual user.
 */
export function userPools(directory: DirectoryKind, maxConcurrency: number): UserPools {
  const totpUsers = directory === 'ldap' ? 3000 : 240;
  const phones = Math.max(8, maxConcurrency);
  return { plain: range(1, 64), totp: range(1001, totpUsers), push: range(5001, phones), passwordless: range(6001, phones) };
}

/** slapd must hold every pool's logins. */
export const SLAPD_USERS = 6200;

export interface ServerSetup {
  directory: DirectoryKind;
  store: StoreKind;
  ldapUrl?: string;
  redisUrl?: string;
  maxConcurrency: number;
}

export const PATHS: readonly SigninPath[] = ['password', 'totp', 'push', 'passwordless', 'saml'];
