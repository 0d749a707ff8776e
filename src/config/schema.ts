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
  /** Whether the app gets refresh tokens (Keycloak's "Use refresh tokens"); off, it can renew only with prompt=none. */
  refreshTokens: z.boolean().default(true),
  /** OIDC Back-Channel Logout: where Gatehouse posts a signed logout token when the user signs out at end-session. */
  backchannelLogoutUri: httpUrl.optional(),
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
  /** What is signed in a Response: the assertion (AD FS's default), the whole response, or both. One at least. */
  sign: z
    .strictObject({ assertion: z.boolean().default(true), response: z.boolean().default(false) })
    .refine((sign) => sign.assertion || sign.response, 'sign the assertion, the response, or both')
    .default({ assertion: true, response: false }),
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
    /** Password of the Redis nodes behind Sentinel or Cluster (with url, put it in the URL). */
    password: z.string().optional(),
    /** A Redis command without an answer after this long fails, and the request gets a 503 page. */
    commandTimeout: duration.default(2000),
    /** Replicas a durable write (MFA registration, device, ...) must reach before it is acknowledged (docs/operations.md). */
    waitForReplicas: z.number().int().min(0).default(0),
  }).refine((s) => [s.url, s.sentinels?.length, s.cluster?.length].filter(Boolean).length === 1 && (!s.sentinels?.length || Boolean(s.name)), {
    message: 'give exactly one of url, sentinels (with name), or cluster',
  }),
]);

/** LDAP / Active Directory keys beyond the connection basics (docs/directory.md); every one has a default. */
const ldapDirectoryExtras = {
  /** Which entries are people. The default finds AD users (not computers) and inetOrgPerson entries. */
  userFilter: z.string().regex(/^\(.*\)$/, 'must be an LDAP filter in parentheses').default('(|(&(objectCategory=person)(objectClass=user))(objectClass=inetOrgPerson))'),
  /** Which entries are groups (AD groups, groupOfNames, groupOfUniqueNames). */
  groupFilter: z.string().regex(/^\(.*\)$/, 'must be an LDAP filter in parentheses').default('(|(objectClass=group)(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))'),
  /** The attribute holding the stable user id; null: objectGUID (base64) where present, else entryUUID. */
  idAttribute: z.string().min(1).nullable().default(null),
  /** Extra attributes to read into the user's attributes (for SAML attributes and WS-Fed claims). */
  attributes: z.array(z.string().min(1)).default([]),
  /** An entry with this attribute (holding one of `values`; any value when empty) is disabled. AD's userAccountControl is always read too. */
  disabled: z
    .strictObject({ attribute: z.string().min(1), values: z.array(z.string()).default([]) })
    .default({ attribute: 'pwdAccountLockedTime', values: ['000001010000Z'] }),
  /** search: find the entry with the service account, then bind as it; upn: bind with what the user typed (user@domain) first. */
  bindMode: z.enum(['search', 'upn']).default('search'),
  /** With bindMode upn: appended as @suffix to a login typed without one. */
  upnSuffix: z.string().min(1).nullable().default(null),
  /** Connections per server for searches, and as many for password binds. */
  poolSize: z.number().int().min(1).max(64).default(4),
  /** How long a server that failed is passed over before it is tried again. */
  retryAfter: duration.default(30_000),
  /** How long a user read from the directory is reused (getUser); 0 reads every time. Password checks always ask the directory. */
  cacheTtl: duration.default(15_000),
};

/** Import and sync keys beyond base/group/interval/defaultMethod/language. */
const ldapSyncExtras = {
  /** Entries per page of a paged search. */
  pageSize: z.number().int().min(10).max(5000).default(500),
  /** How long a user gone from the directory stays marked removed before their MFA registrations are purged. */
  removedRetention: duration.default(30 * 24 * 3_600_000),
  /** Send newly imported users an enrollment email (views/email/) through smtp. */
  enrollmentEmail: z.boolean().default(false),
  /** The portal link in the enrollment email; default <issuer>/portal. */
  portalUrl: httpUrl.nullable().default(null),
};

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
    ...ldapDirectoryExtras,
    sync: z
      .strictObject({
        base: z.string().optional(),
        group: z.string().optional(),
        interval: duration.default(15 * 60_000).refine((ms) => ms >= 60_000 && ms <= 24 * 3_600_000, 'must be from 1m to 24h'),
        defaultMethod: z.string().optional(),
        language: z.string().optional(),
        ...ldapSyncExtras,
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

const PUSH_RATE_DEFAULTS = { pushes: 10, window: 15 * 60_000 };
const PUSH_FATIGUE_DEFAULTS = { failures: 5, window: 30 * 60_000, coolDown: 30 * 60_000 };

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
  /** The mobile app: push with number matching and passwordless phone sign-in (docs/device-api.md). */
  push: z
    .strictObject({
      /** How long a request waits for the phone; unanswered passwordless falls back to the password page. */
      timeout: duration.default(60_000),
      /** Offer passwordless phone sign-in to users with a passwordless-enabled device (policy permitting). */
      passwordless: z.boolean().default(true),
      /** Unanswered requests a user may have at once; more are refused (fatigue protection). */
      maxPendingPerUser: z.number().int().min(1).default(3),
      maxDevicesPerUser: z.number().int().min(1).default(5),
      /** At most `pushes` requests per user within `window`. */
      rateLimit: z.strictObject({ pushes: z.number().int().min(1).default(10), window: duration.default(15 * 60_000) }).default(PUSH_RATE_DEFAULTS),
      /** After `failures` denied or unanswered requests within `window`, no push for `coolDown`; other methods are offered. */
      fatigue: z
        .strictObject({ failures: z.number().int().min(1).default(5), window: duration.default(30 * 60_000), coolDown: duration.default(30 * 60_000) })
        .default(PUSH_FATIGUE_DEFAULTS),
    })
    .default({ timeout: 60_000, passwordless: true, maxPendingPerUser: 3, maxDevicesPerUser: 5, rateLimit: PUSH_RATE_DEFAULTS, fatigue: PUSH_FATIGUE_DEFAULTS }),
  /**
   * Smart lockout of the password step (docs/operations-admin.md): wrong passwords per user from familiar and from
   * unfamiliar IPs, each with its threshold, within `window`. Keep both thresholds below AD's own lockout threshold.
   */
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
  /** Admins: members of `group` (a name, or a DN) who sign in to /admin with MFA; their session lasts `sessionLifetime`. */
  admin: z
    .strictObject({ group: z.string().min(1).default('GatehouseAdmins'), sessionLifetime: duration.default(30 * 60_000) })
    .default({ group: 'GatehouseAdmins', sessionLifetime: 30 * 60_000 }),
  smtp: z
    .strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().default(25), secure: z.boolean().default(false), from: z.string().default('gatehouse@localhost') })
    .default({ host: '127.0.0.1', port: 25, secure: false, from: 'gatehouse@localhost' }),
  /** SAML IdP: entityId defaults to <issuer>/saml/metadata; wantAuthnRequestsSigned makes every SP sign its requests. */
  saml: z
    .strictObject({ entityId: z.string().nullable().default(null), wantAuthnRequestsSigned: z.boolean().default(false) })
    .default({ entityId: null, wantAuthnRequestsSigned: false }),
  session: z
    .strictObject({ lifetime: duration.default(8 * 3_600_000), transactionLifetime: duration.default(15 * 60_000) })
    .default({ lifetime: 8 * 3_600_000, transactionLifetime: 15 * 60_000 }),
  relyingParties: z.array(relyingParty).default([]),
  audit: z
    .strictObject({
      sinks: z.array(z.union([z.literal('stdout'), z.strictObject({ file: z.string() })])).default(['stdout']),
      personalFields: z.boolean().default(true),
      /** File sinks rotate when `size` (100M, 1G) is reached or every `interval` (1d, 12h; UTC), keeping `maxFiles`; false: never. */
      rotate: z
        .union([
          z.literal(false),
          z.strictObject({
            size: z.string().regex(/^[1-9]\d*[BKMG]$/, 'must be a size such as 100M or 1G').nullable().default('100M'),
            interval: z
              .string()
              .regex(/^[1-9]\d*[smhd]$/, 'must be an interval such as 1d, 12h or 30m')
              .refine((v) => { const n = Number(v.slice(0, -1)); return v.endsWith('d') || (v.endsWith('h') ? 24 % n === 0 : 60 % n === 0); }, 'hours must divide 24, minutes and seconds must divide 60')
              .nullable()
              .default('1d'),
            maxFiles: z.number().int().min(1).default(30),
          }),
        ])
        .default({ size: '100M', interval: '1d', maxFiles: 30 }),
      /** Events the admin pages keep in the Store for "recent events" (every node's); 0: none. */
      recent: z.number().int().min(0).max(100_000).default(1000),
    })
    .default({ sinks: ['stdout'], personalFields: true, rotate: { size: '100M', interval: '1d', maxFiles: 30 }, recent: 1000 }),
  log: z.strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).default({ level: 'info' }),
});

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type RelyingPartyConfig = ParsedConfig['relyingParties'][number];
export type OidcRelyingPartyConfig = Extract<RelyingPartyConfig, { type: 'oidc' }>;
