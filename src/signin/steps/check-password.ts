import type { PasswordFailure } from '../../directory/types.js';
import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';

/** Tries within one sign-in before it ends; smart lockout across sign-ins is the lockout module's job. */
export const MAX_PASSWORD_TRIES_PER_SIGNIN = 5;

const MESSAGE: Record<PasswordFailure, string> = {
  invalid: 'signin.password.invalid',
  disabled: 'signin.password.disabled',
  locked: 'signin.password.locked',
  passwordExpired: 'signin.password.expired',
  accountExpired: 'signin.password.accountExpired',
  mustChangePassword: 'signin.password.mustChange',
  logonRestricted: 'signin.password.restricted',
  unavailable: 'signin.password.unavailable',
};

/** Checks the password against the directory; on success the first factor is done and access is decided next. */
export async function submitPassword(deps: SigninDeps, tx: SigninTransaction, password: string): Promise<void> {
  const login = tx.subject?.login;
  if (!login) throw new Error(`sign-in ${tx.id} reached the password step without a login`);
  // Smart lockout first: a locked-out source is refused without asking the directory (so attackers cannot lock the
  // AD account), with the same message as a wrong password.
  const gate = await deps.lockout?.check(login, tx.clientIp);
  const check = gate?.refused ? ({ ok: false, reason: 'invalid' } as const) : await deps.directory.verifyPassword(login, password);
  if (!check.ok) {
    const tries = Number(tx.scratch.passwordTries ?? 0) + 1;
    tx.scratch.passwordTries = tries;
    deps.audit.record({ ...auditFields(tx), event: 'password.checked', result: 'failure', reason: gate?.refused ? 'locked_out' : check.reason });
    if (gate && !gate.refused && check.reason === 'invalid') await deps.lockout!.failed(gate, auditFields(tx));
    if (tries >= MAX_PASSWORD_TRIES_PER_SIGNIN) {
      tx.failure = { code: 'too_many_tries', messageKey: 'signin.error.tooManyTries' };
      deps.transactions.move(tx, 'failed');
    } else tx.notice = MESSAGE[check.reason];
    return;
  }
  tx.subject = { login, id: check.user.id };
  tx.primary = 'password';
  tx.amr = ['pwd'];
  tx.methods = [];
  tx.authTime = Math.floor(deps.clock.now() / 1000);
  tx.notice = undefined;
  deps.transactions.move(tx, 'access');
  deps.audit.record({ ...auditFields(tx, check.user), event: 'password.checked', result: 'success' });
  if (gate) await deps.lockout!.succeeded(gate, auditFields(tx, check.user));
}
