/**
 * The phone as the sign-in sees it: passwordless push and the fraud block. src/devices implements it (wired in
 * src/server.ts); the sign-in never imports src/devices.
 */
export interface PhonePort {
  /**
   * The user reported a request as fraud: blocked from MFA (and passwordless) until an admin clears it. Not for
   * the sign-in whose request was reported (`transactionId`): that one ends with the fraud message itself.
   */
  isBlocked(userId: string, transactionId?: string): Promise<boolean>;
  /** The user has a device enabled for passwordless sign-in. */
  hasPasswordlessDevice(userId: string): Promise<boolean>;
  /** Cancels the user's unanswered passwordless requests; how many there were. */
  cancelPendingPasswordless(userId: string): Promise<number>;
  /** Sends a passwordless request (the app offers three numbers) unless a limit refuses it. */
  sendPasswordless(input: PhoneRequestInput): Promise<PhoneSendResult>;
  outcome(requestId: string): Promise<PhoneOutcome>;
  /** Cancels the request if still unanswered. */
  cancel(requestId: string): Promise<boolean>;
}

export interface PhoneRequestInput {
  userId: string;
  login: string;
  transactionId: string;
  rpId: string;
  rpName: string;
  clientIp: string;
}

export type PhoneSendResult =
  | { ok: true; requestId: string; number: number; expiresAt: number; /** The transaction's change count before the request. */ since: number }
  | { ok: false; reason: string };

export type PhoneOutcome =
  | { state: 'pending'; expiresAt: number }
  | { state: 'approved'; uv: string; /** RFC 8176 values: swk and how the person unlocked the app. */ amr: string[] }
  | { state: 'denied'; reason: string }
  | { state: 'fraud' }
  | { state: 'cancelled' }
  | { state: 'expired' }
  | { state: 'unknown' };
