import type { UserVerification } from './types.js';

/**
 * RFC 8176 values for how the person unlocked the app: `pin` for a PIN; `fpt` and `face` when the app knows which
 * biometric it was; `user` when it only knows "a biometric" (Android's BiometricPrompt does not say which). RFC 8176
 * has no value for a biometric of unnamed kind, and Gatehouse does not guess `fpt`: `user` (the device checked that
 * its person was there) is the truthful floor, and `mfa` beside it says two factors were used.
 */
export function amrForVerification(uv: UserVerification): string[] {
  switch (uv) {
    case 'pin':
      return ['pin'];
    case 'fingerprint':
      return ['fpt'];
    case 'face':
      return ['face'];
    case 'biometric':
      return ['user'];
    case 'none':
      return [];
  }
}

/** Whether the person proved to the device who they are (not only that someone tapped "Approve"). */
export function isVerified(uv: UserVerification): boolean {
  return uv !== 'none';
}
