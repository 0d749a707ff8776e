import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';

/** What the passwordless step keeps in the transaction's scratch space (nothing secret: the browser shows the number). */
export interface PasswordlessScratch {
  requestId: string;
  userId: string;
  number: number;
  expiresAt: number;
  /** The transaction's change count when the request was sent: the page's event stream fires once it moves. */
  since: number;
}

export function passwordlessScratch(tx: SigninTransaction): PasswordlessScratch | undefined {
  return tx.scratch.passwordless as PasswordlessScratch | undefined;
}

/**
 * After identify: offers passwordless phone sign-in when the user has a passwordless device and policy, evaluated
 * as if the method were passwordless, permits it; checked before anything is sent. A new sign-in while an earlier
 * passwordless request is still unanswered cancels that request and goes to the password page. True when the
 * push was sent and the transaction moved to `passwordless`.
 */
export async function offerPasswordless(deps: SigninDeps, tx: SigninTransaction): Promise<boolean> {
  const { phone } = deps;
  const login = tx.subject?.login;
  if (!phone || !deps.access.permitsPasswordless || !login) return false;
  const user = await deps.directory.findUser(login);
  if (!user || user.disabled || (await phone.isBlocked(user.id))) return false;
  const skip = (reason: string) => {
    deps.audit.record({ ...auditFields(tx, user), event: 'passwordless.skipped', result: 'info', authMode: 'passwordless', reason });
    return false;
  };
  if ((await phone.cancelPendingPasswordless(user.id)) > 0) {
    tx.notice = 'signin.passwordless.superseded';
    return skip('earlier_request_pending');
  }
  if (!(await phone.hasPasswordlessDevice(user.id))) return false;
  const deviceKnown = deps.devices ? await deps.devices.isKnown(user.id, tx.browserId) : false;
  if (!deps.access.permitsPasswordless(user, tx, deviceKnown)) return skip('policy');
  const sent = await phone.sendPasswordless({ userId: user.id, login, transactionId: tx.id, rpId: tx.origin.rpId, rpName: tx.origin.rpName, clientIp: tx.clientIp });
  if (!sent.ok) return skip(sent.reason);
  tx.scratch.passwordless = { requestId: sent.requestId, userId: user.id, number: sent.number, expiresAt: sent.expiresAt, since: sent.since } satisfies PasswordlessScratch;
  deps.transactions.move(tx, 'passwordless');
  deps.audit.record({ ...auditFields(tx, user), event: 'passwordless.offered', result: 'pending', authMode: 'passwordless' });
  return true;
}

/**
 * Looks at the phone's answer (needs nothing from the person, so it runs whenever the page is asked for). Approved
 * with user verification: both the first factor and MFA are done, and access is decided as on every path.
 * Unanswered past push.timeout, or cancelled by a newer sign-in: the password page, with a message.
 */
export async function checkPasswordless(deps: SigninDeps, tx: SigninTransaction): Promise<void> {
  const scratch = passwordlessScratch(tx);
  if (!scratch || !deps.phone) return toPassword(deps, tx, 'signin.passwordless.unavailable');
  const outcome = await deps.phone.outcome(scratch.requestId);
  const fields = { ...auditFields(tx), authMode: 'passwordless' };
  switch (outcome.state) {
    case 'pending':
      return;
    case 'approved': {
      const user = await deps.directory.getUser(scratch.userId);
      if (!user || user.disabled) return fail(deps, tx, 'user_unavailable', 'signin.error.userUnavailable');
      delete tx.scratch.passwordless;
      tx.subject = { login: tx.subject?.login ?? user.login, id: user.id };
      tx.primary = 'passwordless';
      tx.amr = [...new Set([...outcome.amr, 'mfa'])];
      tx.methods = ['push'];
      tx.authTime = Math.floor(deps.clock.now() / 1000);
      tx.notice = undefined;
      deps.transactions.move(tx, 'access');
      deps.audit.record({ ...auditFields(tx, user), event: 'passwordless.completed', result: 'success', authMode: 'passwordless', reason: tx.amr.join(' ') });
      return;
    }
    case 'denied':
      deps.audit.record({ ...fields, event: 'passwordless.denied', result: 'failure', reason: outcome.reason });
      return fail(deps, tx, 'push_denied', 'signin.error.pushDenied');
    case 'fraud':
      deps.audit.record({ ...fields, event: 'passwordless.denied', result: 'failure', reason: 'fraud_reported' });
      return fail(deps, tx, 'fraud_reported', 'signin.error.fraudReported');
    case 'cancelled':
      return toPassword(deps, tx, 'signin.passwordless.cancelled');
    case 'expired':
    case 'unknown':
      deps.audit.record({ ...fields, event: 'passwordless.timeout', result: 'info' });
      return toPassword(deps, tx, 'signin.passwordless.timeout');
  }
}

/** "Use your password instead": the pending request is cancelled and the password page shown at once. */
export async function usePasswordInstead(deps: SigninDeps, tx: SigninTransaction): Promise<void> {
  const scratch = passwordlessScratch(tx);
  if (scratch && deps.phone) await deps.phone.cancel(scratch.requestId);
  deps.audit.record({ ...auditFields(tx), event: 'passwordless.declined', result: 'info', authMode: 'passwordless' });
  toPassword(deps, tx, undefined);
}

function toPassword(deps: SigninDeps, tx: SigninTransaction, notice: string | undefined): void {
  delete tx.scratch.passwordless;
  tx.notice = notice;
  deps.transactions.move(tx, 'password');
}

function fail(deps: SigninDeps, tx: SigninTransaction, code: string, messageKey: string): void {
  delete tx.scratch.passwordless;
  tx.failure = { code, messageKey };
  deps.transactions.move(tx, 'failed');
}
