import type { EnrollResult, MfaView, TryEndResult } from './types.js';

/** The method succeeded; `amr` says what ran (RFC 8176 values). */
export const ok = (amr: string[]): TryEndResult => ({ kind: 'ok', amr });
/** Nothing to decide yet (push waits for the phone). */
export const pending = (): TryEndResult => ({ kind: 'pending' });
/** Show the page again with a message tied to its field; `reason` is for the audit. */
export const retry = (message: string, reason?: string): Extract<TryEndResult, { kind: 'retry' }> => ({ kind: 'retry', message, ...(reason ? { reason } : {}) });
/** The sign-in ends. */
export const fail = (reason: string, message?: string): TryEndResult => ({ kind: 'fail', reason, ...(message ? { message } : {}) });
/** The enrollment is done; `view` is shown once (it is never stored). */
export const enrolled = (view?: MfaView): EnrollResult => ({ kind: 'ok', ...(view ? { view } : {}) });
