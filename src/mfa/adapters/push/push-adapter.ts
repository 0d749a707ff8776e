import QRCode from 'qrcode';
import type { DeviceService } from '../../../devices/create-device-service.js';
import { ACTIVATION_LIFETIME_MS, formatCode } from '../../../devices/activation-codes.js';
import { AFTERLIFE_MS } from '../../../devices/push-requests.js';
import { enrolled, fail, ok, pending, retry } from '../../results.js';
import type { EnrollableMfaAdapter, MfaAdapterDeps, MfaView } from '../../types.js';

/** What Gatehouse hands the built-in push adapter (src/mfa/mfa-from-config.ts). */
export interface PushAdapterOptions {
  /** The mobile app web service; without it the adapter is never available (it cannot reach a phone). */
  service?: DeviceService;
  /** Relying-party ids to the names the app shows. */
  relyingParties?: Record<string, string>;
}

const TEMPLATE = 'mfa/push.njk';

/**
 * Push with number matching, as the second factor after a password: begin sends a request to the user's phones and
 * shows the number; the person enters it in the app. tryEnd reads the answer: approved is ok (amr swk, plus pin,
 * fpt, face or user when the app was unlocked), a denial or a wrong number fails the sign-in, fraud fails it and
 * blocks the user, silence past push.timeout asks again. Enrollment is the app's activation (docs/device-api.md).
 */
export function createPushAdapter(rawOptions: Record<string, unknown>, deps: MfaAdapterDeps): EnrollableMfaAdapter {
  const options = rawOptions as PushAdapterOptions;
  const service = options.service;
  const names = options.relyingParties ?? {};
  const { store, t } = deps;
  if (!service) deps.logger.warn({}, 'the push adapter was created without the device service: it will never be offered');
  const txKey = (transactionId: string) => `tx:${transactionId}`;
  const wired = (): DeviceService => {
    if (!service) throw new Error('the push adapter has no device service');
    return service;
  };

  return {
    id: 'push',
    metadata: {
      displayName: { en: 'Mobile app notification', sv: 'Avisering i mobilappen', nl: 'Melding in de mobiele app' },
      amr: ['swk', 'pin', 'fpt', 'face', 'user'],
      phishingResistant: false,
      firstFactor: true,
      mobileApp: true,
    },

    async isAvailableForUser(user, ctx) {
      if (!service || (await service.records.list(user.id)).length === 0) return false;
      return ctx.purpose === 'enrollment' || (await service.push.availability(user.id)) === 'ok';
    },

    async begin(user, ctx) {
      const { push } = wired();
      const previous = await store.get<string>(txKey(ctx.transactionId));
      if (previous) await push.cancel(previous);
      const sent = await push.send('mfa', { userId: user.id, login: user.login, transactionId: ctx.transactionId, rpId: ctx.rpId, rpName: names[ctx.rpId] ?? ctx.rpId, clientIp: ctx.clientIp });
      if (!sent.ok) {
        await store.delete(txKey(ctx.transactionId));
        return { template: TEMPLATE, data: { refused: sent.reason } };
      }
      await store.set(txKey(ctx.transactionId), sent.requestId, sent.expiresAt - deps.clock.now() + AFTERLIFE_MS);
      return { template: TEMPLATE, data: { number: sent.number, expiresAt: sent.expiresAt, since: sent.since } };
    },

    async tryEnd(_user, ctx) {
      const requestId = await store.get<string>(txKey(ctx.transactionId));
      if (!requestId) return retry(t('mfa.push.notSent'), 'not_sent');
      const outcome = await wired().push.outcome(requestId);
      switch (outcome.state) {
        case 'pending':
          return pending();
        case 'approved':
          await store.delete(txKey(ctx.transactionId));
          return ok(outcome.amr);
        case 'denied':
          return outcome.reason === 'wrong_number' ? fail('wrong_number', t('mfa.push.wrongNumber')) : fail('denied', t('mfa.push.denied'));
        case 'fraud':
          return fail('fraud_reported', t('mfa.push.fraud'));
        default:
          return retry(t('mfa.push.timeout'), 'timeout');
      }
    },

    async enrollmentOf(user) {
      const devices = service ? await service.records.list(user.id) : [];
      if (devices.length === 0) return null;
      const labels = devices.map((device) => (device.passwordless ? t('mfa.push.passwordlessDevice', { name: device.name }) : device.name));
      return { createdAt: devices.map((device) => device.createdAt).sort()[0]!, detail: labels.join(', ') };
    },

    async beginEnrollment(user): Promise<MfaView> {
      const { records, activation, deps: service } = wired();
      const max = service.settings.maxDevicesPerUser;
      if ((await records.list(user.id)).length >= max) return { template: 'mfa/push-enroll.njk', data: { full: true, max } };
      const { code } = await activation.issue({ userId: user.id, login: user.login, ...(user.name ? { name: user.name } : {}) });
      const url = `${service.publicUrl}/device/v1/activate?code=${formatCode(code)}`;
      const qr = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
      return {
        template: 'mfa/push-enroll.njk',
        data: { qr, url, code: formatCode(code), organization: service.organizationName, minutes: ACTIVATION_LIFETIME_MS / 60_000 },
      };
    },

    async finishEnrollment(user) {
      const name = await wired().activation.takeActivated(user.id);
      return name ? enrolled() : retry(t('mfa.pushEnroll.notYet'), 'not_activated');
    },

    async removeEnrollment(user) {
      if (!service) return;
      await service.records.removeAll(user.id);
      await service.activation.withdraw(user.id);
      await service.push.cancelPending(user.id, 'mfa');
      await service.push.cancelPending(user.id, 'passwordless');
      await service.push.guard.clear(user.id);
    },
  };
}
