import { z } from 'zod';
import { parseDuration } from './duration.js';

/** A duration written as "60s", "15m", "8h", "30d" (or milliseconds); becomes a number of milliseconds. */
export const duration = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration (use e.g. 60s, 15m, 8h, 30d)` });
      return z.NEVER;
    }
    return ms;
  });

const cidr = z.string().regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'must be an IP address or CIDR such as 10.0.0.0/8');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const oidcRelyingParty = z.strictObject({
  type: z.literal('oidc'),
  id: z.string().min(1),
  name: z.string().optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  redirectUris: z.array(httpUrl).min(1, 'an OIDC relying party needs at least one redirect URI'),
  postLogoutRedirectUris: z.array(httpUrl).default([]),
  scopes: z.array(z.string()).default(['openid', 'profile', 'email', 'groups', 'offline_access']),
});

const samlRelyingParty = z.strictObject({
  type: z.literal('saml'),
  id: z.string().min(1),
  name: z.string().optional(),
  entityId: z.string().min(1).optional(),
  acs: z
    .array(z.strictObject({ url: httpUrl, binding: z.enum(['post', 'redirect']).default('post'), index: z.number().int().min(0).default(0) }))
    .min(1),
  slo: httpUrl.nullable().default(null),
  signingCertificate: z.string().nullable().default(null),
  encryptionCertificate: z.string().nullable().default(null),
  wantRequestsSigned: z.boolean().default(false),
  nameId: z
    .strictObject({ format: z.enum(['emailAddress', 'persistent', 'transient', 'unspecified', 'upn']).default('emailAddress'), attribute: z.string().default('mail') })
    .default({ format: 'emailAddress', attribute: 'mail' }),
  attributes: z.record(z.string(), z.string()).default({}),
  idpInitiated: z.boolean().default(false),
});

const wsfedRelyingParty = z.strictObject({
  type: z.literal('wsfed'),
  id: z.string().min(1),
  name: z.string().optional(),
  realm: z.string().min(1).optional(),
  reply: httpUrl,
  token: z.enum(['saml11', 'saml20']).default('saml11'),
  claims: z.record(z.string(), z.string()).default({}),
});

const relyingParty = z.discriminatedUnion('type', [oidcRelyingParty, samlRelyingParty, wsfedRelyingParty]);

const store = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('embedded') }),
  z.strictObject({
    type: z.literal('redis'),
    url: z.string().optional(),
    sentinels: z.array(z.string()).optional(),
    name: z.string().optional(),
    cluster: z.array(z.string()).optional(),
    prefix: z.string().default('gh:'),
  }),
]);

const directory = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('embedded') }),
  z.strictObject({
    type: z.literal('ldap'),
    urls: z.array(z.string().regex(/^ldaps?:\/\//, 'must start with ldap:// or ldaps://')).min(1),
    bindDN: z.string().optional(),
    bindPassword: z.string().optional(),
    baseDN: z.string(),
    loginAttributes: z.array(z.string()).default(['userPrincipalName', 'sAMAccountName', 'mail']),
    groups: z.enum(['ad', 'memberOf', 'groupOfNames']).default('memberOf'),
    timeout: duration.default(5000),
    startTls: z.boolean().default(false),
    tls: z.strictObject({ ca: z.string().optional() }).default({}),
    sync: z
      .strictObject({
        base: z.string().optional(),
        group: z.string().optional(),
        interval: duration.default(15 * 60_000),
        defaultMethod: z.string().optional(),
        language: z.string().optional(),
      })
      .optional(),
  }),
]);

const mfaAdapterRef = z.union([
  z.string(),
  z.strictObject({ module: z.string(), options: z.record(z.string(), z.unknown()).default({}) }),
]);

const TOTP_DEFAULTS = { issuer: null, maxFailures: 10, lockDuration: 15 * 60_000, sourceMaxFailures: 50, sourceWindow: 15 * 60_000 };

/** The built-in TOTP adapter: the label apps show, and when failed codes lock the method. */
const totpOptions = z.strictObject({
  /** The issuer shown in authenticator apps; default organization.name. */
  issuer: z.string().min(1).nullable().default(null),
  /** Failed codes (within lockDuration) that lock the method for the user. NIST SP 800-63B allows at most 100. */
  maxFailures: z.number().int().min(1).max(100, 'must be at most 100 (NIST SP 800-63B)').default(10),
  lockDuration: duration.default(15 * 60_000),
  /** Failed codes from one client address, for any user, before that address is refused for sourceWindow. */
  sourceMaxFailures: z.number().int().min(1).default(50),
  sourceWindow: duration.default(15 * 60_000),
});

/** The whole configuration. Every key has a default, so an empty file (or none) is a working single node. */
export const configSchema = z.strictObject({
  issuer: httpUrl.default('http://localhost:8080').transform((url) => url.replace(/\/+$/, '')),
  organization: z.strictObject({ name: z.string().default('Gatehouse'), logo: z.string().nullable().default(null) }).default({ name: 'Gatehouse', logo: null }),
  listen: z.strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8080) }).default({ host: '127.0.0.1', port: 8080 }),
  trustedProxies: z.array(cidr).default([]),
  dataDir: z.string().default('./data'),
  secrets: z.strictObject({ key: z.string().nullable().default(null) }).default({ key: null }),
  keys: z.strictObject({ dir: z.string().default('./certs') }).default({ dir: './certs' }),
  store: store.default({ type: 'embedded' }),
  directory: directory.default({ type: 'embedded' }),
  locations: z.record(z.string(), z.array(cidr)).default({}),
  /** MFA adapters (docs/adapters.md). `adapters` left out: every built-in adapter (totp, recovery). */
  mfa: z
    .strictObject({
      adapters: z.array(mfaAdapterRef).optional(),
      /** A user who must do MFA but has no method may set one up during sign-in ("More information required"); needs portal.selfEnrollment too. */
      enrollOnSignin: z.boolean().default(true),
      totp: totpOptions.default(TOTP_DEFAULTS),
    })
    .default({ enrollOnSignin: true, totp: TOTP_DEFAULTS }),
  /** The user portal's switches (docs/portal.md). */
  portal: z
    .strictObject({
      selfEnrollment: z.boolean().default(true),
      methodSelection: z.boolean().default(true),
      mobileApp: z.boolean().default(true),
      sessionLifetime: duration.default(15 * 60_000),
    })
    .default({ selfEnrollment: true, methodSelection: true, mobileApp: true, sessionLifetime: 15 * 60_000 }),
  push: z
    .strictObject({
      timeout: duration.default(60_000),
      passwordless: z.boolean().default(true),
      maxPendingPerUser: z.number().int().min(1).default(3),
      maxDevicesPerUser: z.number().int().min(1).default(5),
    })
    .default({ timeout: 60_000, passwordless: true, maxPendingPerUser: 3, maxDevicesPerUser: 5 }),
  lockout: z
    .strictObject({
      mode: z.enum(['enforce', 'logOnly']).default('enforce'),
      familiarThreshold: z.number().int().min(1).default(20),
      unfamiliarThreshold: z.number().int().min(1).default(5),
      window: duration.default(30 * 60_000),
    })
    .default({ mode: 'enforce', familiarThreshold: 20, unfamiliarThreshold: 5, window: 30 * 60_000 }),
  policies: z.string().default('./policies.yaml'),
  policyDefault: z.enum(['allow', 'block']).default('allow'),
  admin: z.strictObject({ group: z.string().default('GatehouseAdmins') }).default({ group: 'GatehouseAdmins' }),
  smtp: z
    .strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().default(25), secure: z.boolean().default(false), from: z.string().default('gatehouse@localhost') })
    .default({ host: '127.0.0.1', port: 25, secure: false, from: 'gatehouse@localhost' }),
  saml: z.strictObject({ entityId: z.string().nullable().default(null) }).default({ entityId: null }),
  session: z
    .strictObject({ lifetime: duration.default(8 * 3_600_000), transactionLifetime: duration.default(15 * 60_000) })
    .default({ lifetime: 8 * 3_600_000, transactionLifetime: 15 * 60_000 }),
  relyingParties: z.array(relyingParty).default([]),
  audit: z
    .strictObject({
      sinks: z.array(z.union([z.literal('stdout'), z.strictObject({ file: z.string() })])).default(['stdout']),
      personalFields: z.boolean().default(true),
    })
    .default({ sinks: ['stdout'], personalFields: true }),
  log: z.strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).default({ level: 'info' }),
});

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type RelyingPartyConfig = ParsedConfig['relyingParties'][number];
export type OidcRelyingPartyConfig = Extract<RelyingPartyConfig, { type: 'oidc' }>;
