import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { DirectoryUser } from '../../../directory/types.js';
import { AttemptLimiter } from '../../attempt-limiter.js';
import { enrolled, fail, ok, retry } from '../../results.js';
import type { EnrollableMfaAdapter, MfaAdapterDeps, MfaContext, MfaForm, TryEndResult } from '../../types.js';
import { matchTotpCode, newTotpSecret, TOTP_PERIOD, totpUri } from './totp-code.js';

/** The adapter's options (config `mfa.totp`); durations in milliseconds. */
export const totpOptionsSchema = z.object({
  issuer: z.string().min(1).nullable().default(null),
  maxFailures: z.number().int().min(1).max(100).default(10),
  lockDuration: z.number().int().min(1000).default(15 * 60_000),
  sourceMaxFailures: z.number().int().min(1).default(50),
  sourceWindow: z.number().int().min(1000).default(15 * 60_000),
});
export type TotpOptions = z.output<typeof totpOptionsSchema>;

interface Registration {
  /** Random per enrollment: failures and locks count per registration, so a reset user starts unlocked on every node. */
  id: string;
  sealedSecret: string;
  createdAt: string;
}

/** How codes are matched; tests wrap it to see that every path verifies exactly once. */
export interface TotpCodes {
  match: typeof matchTotpCode;
}

const REGISTRATION = 'registration';
const PENDING_TTL_MS = 10 * 60_000;
// A used step must be remembered while its code could still match: the window is one step either side.
const USED_TTL_MS = 4 * TOTP_PERIOD * 1000;
const CODE = /^[0-9]{6}$/;

/**
 * TOTP (RFC 6238) with an authenticator app. Keys are sealed with AES-256-GCM before they reach the Store; each
 * code is accepted once per user; failures are counted per user and per source and lock the method at
 * `maxFailures`. Wrong code and locked method run the same path: gate read, one verification, failure count.
 */
export function createTotpAdapter(rawOptions: Record<string, unknown>, deps: MfaAdapterDeps, codes: TotpCodes = { match: matchTotpCode }): EnrollableMfaAdapter {
  const options = totpOptionsSchema.parse(rawOptions);
  const { store, secrets, t, clock } = deps;
  const limiter = new AttemptLimiter(store, {
    maxFailures: options.maxFailures,
    lockMs: options.lockDuration,
    sourceMaxFailures: options.sourceMaxFailures,
    sourceWindowMs: options.sourceWindow,
  });
  const issuer = options.issuer ?? deps.organizationName;
  const registrationOf = (user: DirectoryUser) => store.getRecord<Registration>(REGISTRATION, user.id);

  /** The one path every code takes, right or wrong, locked or not. `subject` is what failures are counted against. */
  async function check(user: DirectoryUser, ctx: MfaContext, sealed: string, context: string, code: string, subject: string): Promise<TryEndResult> {
    const [gate, last] = await Promise.all([limiter.gate(subject, ctx.clientIp), store.get<number>(`last:${user.id}`)]);
    const step = codes.match(secrets.open(sealed, context), code, Math.floor(clock.now() / 1000));
    const fresh = step !== null && (last === undefined || step > last);
    const open = !gate.locked && !gate.sourceLimited;
    // setIfAbsent on user+step: of two requests with the same code, exactly one is accepted.
    const accepted = fresh && open && (await store.setIfAbsent(`used:${user.id}:${step}`, 1, USED_TTL_MS));
    if (accepted) {
      await Promise.all([limiter.succeed(subject), store.set(`last:${user.id}`, step, USED_TTL_MS)]);
      return ok(['otp']);
    }
    const counted = await limiter.fail(subject, ctx.clientIp, gate);
    if (gate.locked || counted === 'locked') return retry(t('mfa.totp.locked', { minutes: limiter.lockMinutes }), counted === 'locked' ? 'locked' : 'locked_out');
    if (gate.sourceLimited) return retry(t('mfa.error.rateLimited'), 'rate_limited');
    if (step !== null) return retry(t('mfa.totp.replayed'), 'replayed');
    return retry(t('mfa.totp.wrong'), 'invalid');
  }

  return {
    id: 'totp',
    metadata: {
      displayName: { en: 'Authenticator app', sv: 'Autentiseringsapp', nl: 'Authenticator-app' },
      amr: ['otp'],
      phishingResistant: false,
      firstFactor: false,
    },

    async isAvailableForUser(user) {
      return (await registrationOf(user)) !== undefined;
    },

    async begin() {
      return { template: 'mfa/totp.njk', data: {} };
    },

    async tryEnd(user, ctx, form) {
      const code = normalizeCode(form.code);
      if (!code) return retry(t('mfa.totp.format'), 'malformed');
      const registration = await registrationOf(user);
      if (!registration) return fail('not_enrolled');
      return check(user, ctx, registration.sealedSecret, user.id, code, `${user.id}:${registration.id}`);
    },

    async enrollmentOf(user) {
      const registration = await registrationOf(user);
      return registration ? { createdAt: registration.createdAt } : null;
    },

    async beginEnrollment(user) {
      const sealed = await pendingSecret(user);
      const secret = secrets.open(sealed, `pending:${user.id}`);
      const uri = totpUri(secret, issuer, user.login);
      const qr = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
      return { template: 'mfa/totp-enroll.njk', data: { qr, key: secret.match(/.{1,4}/g)!.join(' '), issuer, account: user.login } };
    },

    async finishEnrollment(user, ctx, form) {
      const code = normalizeCode(form.code);
      if (!code) return retry(t('mfa.totp.format'), 'malformed');
      const sealed = await store.get<string>(`pending:${user.id}`);
      if (!sealed) return retry(t('mfa.totp.enrollExpired'), 'expired');
      const result = await check(user, ctx, sealed, `pending:${user.id}`, code, `${user.id}:enroll`);
      if (result.kind !== 'ok') return result.kind === 'retry' ? result : retry(t('mfa.totp.wrong'), 'invalid');
      const secret = secrets.open(sealed, `pending:${user.id}`);
      const registration: Registration = { id: randomBytes(9).toString('base64url'), sealedSecret: secrets.seal(secret, user.id), createdAt: new Date(clock.now()).toISOString() };
      await store.putRecord(REGISTRATION, user.id, registration);
      await store.delete(`pending:${user.id}`);
      return enrolled();
    },

    async removeEnrollment(user) {
      const registration = await registrationOf(user);
      await store.deleteRecord(REGISTRATION, user.id);
      await store.delete(`pending:${user.id}`);
      await limiter.clear(`${user.id}:enroll`);
      if (registration) await limiter.clear(`${user.id}:${registration.id}`);
    },
  };

  /** The key being enrolled: kept (sealed) until confirmed or expired, so every display shows the same one. */
  async function pendingSecret(user: DirectoryUser): Promise<string> {
    const key = `pending:${user.id}`;
    const existing = await store.get<string>(key);
    if (existing) return existing;
    await store.setIfAbsent(key, secrets.seal(newTotpSecret(), key), PENDING_TTL_MS);
    return (await store.get<string>(key))!;
  }
}

/** Six digits; spaces people copy from their app ("123 456") are dropped. Anything else is refused unread. */
function normalizeCode(value: string | undefined): string | null {
  const code = (value ?? '').replace(/\s+/g, '');
  return CODE.test(code) ? code : null;
}
