import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';
import { offerPasswordless } from './passwordless.js';

const MAX_LOGIN_LENGTH = 256;

/**
 * Takes the username. Nothing here reveals whether the user exists: every well-formed login moves on to the
 * password step, except for users with a passwordless device whom policy permits phone sign-in (steps/passwordless.ts).
 */
export async function submitIdentify(deps: SigninDeps, tx: SigninTransaction, rawLogin: string): Promise<void> {
  const login = rawLogin.trim();
  if (!login || login.length > MAX_LOGIN_LENGTH || /[\u0000-\u001f]/.test(login)) {
    tx.notice = 'signin.identify.invalid';
    return;
  }
  tx.subject = { login };
  tx.notice = undefined;
  deps.audit.record({ ...auditFields(tx), event: 'signin.identified', result: 'info' });
  if (!(await offerPasswordless(deps, tx))) deps.transactions.move(tx, 'password');
}
