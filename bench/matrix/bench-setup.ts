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
 * A TOTP user signs in once per 30 s step, so the pool must hold 30 x the highest throughput expected, with room
 * for a window that spans two steps: LDAP sign-ins run at up to about 100 per second here, embedded-directory ones
 * (scrypt) at a few. A phone serves one virtual user.
 */
export function userPools(directory: DirectoryKind, maxConcurrency: number): UserPools {
  const totpUsers = directory === 'ldap' ? 6000 : 240;
  const phones = Math.min(Math.max(8, maxConcurrency), MAX_PHONES);
  return { plain: range(1, 64), push: range(101, phones), passwordless: range(301, phones), totp: range(1001, totpUsers) };
}

/** Phones per pool; more virtual users than this share phones (a phone answers one push at a time). */
const MAX_PHONES = 200;

/** slapd must hold every pool's logins. */
export const SLAPD_USERS = 7000;

export interface ServerSetup {
  directory: DirectoryKind;
  store: StoreKind;
  ldapUrl?: string;
  redisUrl?: string;
  maxConcurrency: number;
}

export const PATHS: readonly SigninPath[] = ['password', 'totp', 'push', 'passwordless', 'saml'];
