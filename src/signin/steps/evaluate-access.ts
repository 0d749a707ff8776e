import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';

/**
 * Conditional access, on every path (password, passwordless, SSO re-use). Block ends the sign-in; requirements
 * not yet met send it to MFA; otherwise it is issued.
 */
export async function evaluateAccess(deps: SigninDeps, tx: SigninTransaction): Promise<void> {
  const user = tx.subject?.id ? await deps.directory.getUser(tx.subject.id) : null;
  if (!user || user.disabled) {
    tx.failure = { code: 'user_unavailable', messageKey: 'signin.error.userUnavailable' };
    deps.audit.record({ ...auditFields(tx, user), event: 'access.decided', result: 'failure', reason: user ? 'disabled' : 'user_gone' });
    deps.transactions.move(tx, 'failed');
    return;
  }
  const deviceKnown = deps.devices ? await deps.devices.isKnown(user.id, tx.browserId) : false;
  const outcome = deps.access.decide(user, tx, deviceKnown);
  tx.access = outcome;
  const fields = { ...auditFields(tx, user), event: 'access.decided', policies: outcome.policies };
  if (outcome.decision === 'block') {
    tx.failure = { code: 'access_blocked', messageKey: 'signin.error.blocked' };
    deps.audit.record({ ...fields, result: 'failure', reason: 'policy_block' });
    deps.transactions.move(tx, 'failed');
    return;
  }
  deps.audit.record({ ...fields, result: 'success', reason: outcome.missing.length ? `requires ${outcome.missing.join(',')}` : undefined });
  if (outcome.missing.includes('fresh')) {
    tx.notice = 'signin.password.fresh';
    deps.transactions.move(tx, 'password');
  } else deps.transactions.move(tx, outcome.missing.length > 0 ? 'mfa' : 'issue');
}
