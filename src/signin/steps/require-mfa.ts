import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';

/**
 * The MFA step when no adapter can satisfy the decision for this user: the sign-in ends with a clear denial
 * rather than being issued without the second factor the decision asked for.
 */
export function denyWithoutMfaMethod(deps: SigninDeps, tx: SigninTransaction): void {
  tx.failure = { code: 'mfa_unavailable', messageKey: 'signin.error.mfaUnavailable' };
  deps.audit.record({ ...auditFields(tx), event: 'mfa.unavailable', result: 'failure', reason: tx.access?.missing.join(',') });
  deps.transactions.move(tx, 'failed');
}
