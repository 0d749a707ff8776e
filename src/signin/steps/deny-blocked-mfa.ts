import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';

/**
 * A user who reported a push as fraud is blocked from MFA until an admin clears it (`gatehouse users unblock`):
 * a sign-in that reaches MFA ends here. True when the sign-in was ended.
 */
export async function denyBlockedMfa(deps: SigninDeps, tx: SigninTransaction): Promise<boolean> {
  const userId = tx.subject?.id;
  if (tx.state !== 'mfa' || !userId || !deps.phone || !(await deps.phone.isBlocked(userId, tx.id))) return false;
  tx.failure = { code: 'mfa_blocked', messageKey: 'signin.error.mfaBlocked' };
  deps.audit.record({ ...auditFields(tx), event: 'mfa.blocked', result: 'failure', reason: 'fraud_reported' });
  deps.transactions.move(tx, 'failed');
  return true;
}
