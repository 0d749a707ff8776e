import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';

const MAX_LOGIN_LENGTH = 256;

/**
 * Takes the username. Nothing here reveals whether the user exists: every well-formed login moves on to the
 * password step (the passwordless branch, when it lands, is chosen only for users with a passwordless device).
 */
export async function submitIdentify(deps: SigninDeps, tx: SigninTransaction, rawLogin: string): Promise<void> {
  const login = rawLogin.trim();
  if (!login || login.length > MAX_LOGIN_LENGTH || /[\u0000-\u001f]/.test(login)) {
    tx.notice = 'signin.identify.invalid';
    return;
  }
  tx.subject = { login };
  tx.notice = undefined;
  deps.transactions.move(tx, 'password');
  deps.audit.record({ ...auditFields(tx), event: 'signin.identified', result: 'info' });
}
