import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/** Authenticator apps' common ground (RFC 6238 defaults): SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpParameters {
  algorithm: TotpAlgorithm;
  digits: 6 | 7 | 8;
  period: number;
}

export const DEFAULT_TOTP: TotpParameters = { algorithm: 'sha1', digits: TOTP_DIGITS, period: TOTP_PERIOD };

/** A new shared key: 160 random bits (RFC 4226's recommendation), Base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The code for a Base32 key (or raw key bytes) at a Unix time in seconds. */
export function totpCode(secret: string | Uint8Array, epochSeconds: number, parameters: TotpParameters = DEFAULT_TOTP): string {
  return generateSync({ secret, epoch: epochSeconds, ...parameters });
}

/**
 * Checks a code against the steps one before and one after the current one (RFC 6238's recommended network delay
 * allowance). The comparison is otplib's constant-time one. Returns the matched time step, else null.
 * Steps at or before `afterStep` never match: a code is accepted once.
 */
export function matchTotpCode(
  secret: string,
  code: string,
  epochSeconds: number,
  options: { afterStep?: number; parameters?: TotpParameters } = {},
): number | null {
  const parameters = options.parameters ?? DEFAULT_TOTP;
  if (code.length !== parameters.digits) return null;
  const result = verifySync({
    secret,
    token: code,
    epoch: epochSeconds,
    epochTolerance: parameters.period,
    ...parameters,
    ...(options.afterStep !== undefined ? { afterTimeStep: options.afterStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The otpauth:// URI authenticator apps read from the QR code. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return generateURI({ issuer, label: account, secret, algorithm: DEFAULT_TOTP.algorithm, digits: DEFAULT_TOTP.digits, period: DEFAULT_TOTP.period });
}

/** The time step a Unix time falls in. */
export function timeStepAt(epochSeconds: number, period = TOTP_PERIOD): number {
  return Math.floor(epochSeconds / period);
}
