import type { PhonePort } from '../signin/phone-port.js';
import type { DeviceService } from './create-device-service.js';
import { isVerified } from './user-verification.js';

/** The sign-in's view of the phone, on the device service. With `passwordless` off, no user has a passwordless device. */
export function phonePort(service: DeviceService, options: { passwordless: boolean }): PhonePort {
  const { push } = service;
  return {
    async isBlocked(userId, transactionId) {
      const block = await service.blocks.get(userId);
      return block !== undefined && block.transactionId !== transactionId;
    },
    hasPasswordlessDevice: async (userId) => options.passwordless && (await push.targets(userId, 'passwordless')).length > 0,
    cancelPendingPasswordless: (userId) => push.cancelPending(userId, 'passwordless'),
    sendPasswordless: (input) => push.send('passwordless', input),
    async outcome(requestId) {
      const outcome = await push.outcome(requestId);
      // The API refuses a passwordless approval without user verification; this is the second lock on that door.
      return outcome.state === 'approved' && !isVerified(outcome.uv) ? { state: 'denied', reason: 'no_user_verification' } : outcome;
    },
    cancel: (requestId) => push.cancel(requestId),
  };
}
