import { randomBytes } from 'node:crypto';
import type { DirectoryUser } from '../../../directory/types.js';
import { AttemptLimiter } from '../../attempt-limiter.js';
import { enrolled, ok, retry } from '../../results.js';
import type { EnrollableMfaAdapter, MfaAdapterDeps } from '../../types.js';
import { findHash, hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.js';

interface CodeSet {
  /** Random per generation: failures and locks count per set, so new codes start unlocked on every node. */
  id: string;
  hashes: string[];
  createdAt: string;
}

const CODES = 'codes';
const USED = 'used';
// The claim only has to outlive the durable write that follows it; the `used` record is what lasts.
const CLAIM_TTL_MS = 24 * 3_600_000;

/**
 * Recovery codes: ten one-time codes shown once when generated, stored only as hashes. Each use is claimed
 * atomically (setIfAbsent) and then written as its own durable record, so two sign-ins can never spend one code.
 * A fallback method: offered under "Sign in another way", never picked by default.
 */
export function createRecoveryAdapter(_options: Record<string, unknown>, deps: MfaAdapterDeps): EnrollableMfaAdapter {
  const { store, t, clock } = deps;
  const limiter = new AttemptLimiter(store, { maxFailures: 10, lockMs: 15 * 60_000, sourceMaxFailures: 50, sourceWindowMs: 15 * 60_000 });
  const codesOf = (user: DirectoryUser) => store.getRecord<CodeSet>(CODES, user.id);
  const usedIn = async (user: DirectoryUser, set: CodeSet) =>
    Promise.all(set.hashes.map(async (hash) => (await store.getRecord(USED, `${user.id}:${hash}`)) !== undefined));
  const remaining = async (user: DirectoryUser, set: CodeSet | undefined) => (set ? (await usedIn(user, set)).filter((used) => !used).length : 0);

  async function forget(user: DirectoryUser): Promise<void> {
    const set = await codesOf(user);
    if (!set) return;
    await Promise.all(set.hashes.map((hash) => store.deleteRecord(USED, `${user.id}:${hash}`)));
    await store.deleteRecord(CODES, user.id);
    await limiter.clear(`${user.id}:${set.id}`);
  }

  return {
    id: 'recovery',
    metadata: {
      displayName: { en: 'Recovery code', sv: 'Återställningskod', nl: 'Herstelcode' },
      amr: ['otp'],
      phishingResistant: false,
      firstFactor: false,
      fallback: true,
    },

    async isAvailableForUser(user) {
      return (await remaining(user, await codesOf(user))) > 0;
    },

    async begin() {
      return { template: 'mfa/recovery.njk', data: {} };
    },

    async tryEnd(user, ctx, form) {
      const code = normalizeRecoveryCode(form.code);
      if (!code) return retry(t('mfa.recovery.format'), 'malformed');
      const hash = hashRecoveryCode(user.id, code);
      // The same reads whatever the code: a wrong code and a locked method take one path.
      const [set, used] = await Promise.all([codesOf(user), store.getRecord(USED, `${user.id}:${hash}`)]);
      const subject = `${user.id}:${set?.id ?? 'none'}`;
      const gate = await limiter.gate(subject, ctx.clientIp);
      const known = set ? findHash(set.hashes, hash) >= 0 : false;
      const unused = known && used === undefined;
      const open = !gate.locked && !gate.sourceLimited;
      const claimed = unused && open && (await store.setIfAbsent(`claim:${user.id}:${hash}`, 1, CLAIM_TTL_MS));
      if (claimed) {
        await store.putRecord(USED, `${user.id}:${hash}`, { usedAt: new Date(clock.now()).toISOString() });
        await limiter.succeed(subject);
        return ok(['otp']);
      }
      const counted = await limiter.fail(subject, ctx.clientIp, gate);
      if (gate.locked || counted === 'locked') return retry(t('mfa.recovery.locked', { minutes: limiter.lockMinutes }), counted === 'locked' ? 'locked' : 'locked_out');
      if (gate.sourceLimited) return retry(t('mfa.error.rateLimited'), 'rate_limited');
      return retry(t(known ? 'mfa.recovery.used' : 'mfa.recovery.wrong'), known ? 'replayed' : 'invalid');
    },

    async enrollmentOf(user) {
      const set = await codesOf(user);
      if (!set) return null;
      return { createdAt: set.createdAt, detail: t('mfa.recovery.left', { left: await remaining(user, set), total: set.hashes.length }) };
    },

    async beginEnrollment(user) {
      return { template: 'mfa/recovery-enroll.njk', data: { regenerate: (await codesOf(user)) !== undefined, count: RECOVERY_CODE_COUNT } };
    },

    async finishEnrollment(user) {
      await forget(user);
      const codes = newRecoveryCodes();
      const set: CodeSet = { id: randomBytes(9).toString('base64url'), hashes: codes.map((code) => hashRecoveryCode(user.id, code)), createdAt: new Date(clock.now()).toISOString() };
      await store.putRecord(CODES, user.id, set);
      return enrolled({ template: 'mfa/recovery-codes.njk', data: { codes } });
    },

    async removeEnrollment(user) {
      await forget(user);
    },
  };
}
