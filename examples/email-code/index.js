// @ts-check
/**
 * A third-party MFA adapter for Gatehouse: a one-time code sent by email.
 *
 * Name it in the config file and restart Gatehouse:
 *
 *   mfa:
 *     adapters:
 *       - totp
 *       - recovery
 *       - module: ./examples/email-code/index.js     # relative to the config file, or an npm module name
 *         options: { codeLifetimeSeconds: 600, maxTries: 5 }
 *   smtp: { host: mail.example.org, port: 25, secure: false, from: gatehouse@example.org }
 *
 * The module default-exports create(options, deps). Gatehouse gives it narrow dependencies: a Store namespaced
 * for this adapter, a clock, a logger, a mailer on the SMTP server in config, translations and the public URL.
 * It never sees another adapter's data, and it must never log the code.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** @typedef {import('../../src/mfa/types.js').MfaAdapter} MfaAdapter */
/** @typedef {import('../../src/mfa/types.js').MfaAdapterDeps} MfaAdapterDeps */
/** @typedef {import('../../src/mfa/types.js').TryEndResult} TryEndResult */

const TEMPLATE = fileURLToPath(new URL('./email-code.njk', import.meta.url));
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * @param {Record<string, unknown>} options
 * @param {MfaAdapterDeps} deps
 * @returns {MfaAdapter}
 */
export default function create(options, deps) {
  const lifetimeMs = 1000 * (typeof options.codeLifetimeSeconds === 'number' ? options.codeLifetimeSeconds : 600);
  const maxTries = typeof options.maxTries === 'number' ? options.maxTries : 5;
  const subject = typeof options.subject === 'string' ? options.subject : 'Your sign-in code';
  const { store, mailer, logger } = deps;

  /** The code is kept only as a hash, bound to the sign-in it was sent for. */
  const hash = (/** @type {string} */ transactionId, /** @type {string} */ code) => createHash('sha256').update(`${transactionId}:${code}`).digest();

  return {
    id: 'email',
    metadata: {
      displayName: { en: 'Email code', sv: 'Kod via e-post', nl: 'Code per e-mail' },
      amr: ['otp'],
      phishingResistant: false,
      firstFactor: false,
    },

    async isAvailableForUser(user) {
      return typeof user.email === 'string' && EMAIL.test(user.email);
    },

    async begin(user, ctx) {
      const code = String(randomInt(1_000_000)).padStart(6, '0');
      await store.set(`code:${ctx.transactionId}`, hash(ctx.transactionId, code).toString('base64url'), lifetimeMs);
      await store.delete(`tries:${ctx.transactionId}`);
      const minutes = Math.round(lifetimeMs / 60_000);
      await mailer.send({
        to: /** @type {string} */ (user.email),
        subject,
        text: `Your sign-in code is ${code}\n\nIt works once, for ${minutes} minutes. If you did not try to sign in, tell your IT department.\n\n${deps.publicUrl}\n`,
      });
      logger.info({ user: user.login }, 'email code sent');
      return { template: TEMPLATE, data: { to: mask(/** @type {string} */ (user.email)), minutes } };
    },

    async tryEnd(_user, ctx, form) {
      const code = (form.code ?? '').replace(/\s+/g, '');
      if (!/^[0-9]{6}$/.test(code)) return { kind: 'retry', message: 'Enter the 6 digits from the email.', reason: 'malformed' };
      const key = `code:${ctx.transactionId}`;
      const stored = await store.get(key);
      if (typeof stored !== 'string') return { kind: 'retry', message: 'This code has expired. Choose "Sign in another way" to get a new one.', reason: 'expired' };
      const expected = Buffer.from(stored, 'base64url');
      const given = hash(ctx.transactionId, code);
      // take(): of two posts of the right code, one wins.
      if (expected.length === given.length && timingSafeEqual(expected, given) && (await store.take(key)) !== undefined) return { kind: 'ok', amr: ['otp'] };
      const tries = await store.increment(`tries:${ctx.transactionId}`, lifetimeMs);
      if (tries >= maxTries) {
        await store.delete(key);
        return { kind: 'fail', reason: 'too_many_tries', message: 'Too many wrong codes. Go back to the application and sign in again.' };
      }
      return { kind: 'retry', message: 'That code is not right. Check the email and try again.', reason: 'invalid' };
    },
  };
}

/** a•••@example.org: enough for the person to recognise the address, not enough to harvest it. */
function mask(/** @type {string} */ email) {
  const [name = '', domain = ''] = email.split('@');
  return `${name.slice(0, 1)}•••@${domain}`;
}
