import type { SigninDeps } from '../deps.js';
import { denyBlockedMfa } from '../steps/deny-blocked-mfa.js';
import { evaluateAccess } from '../steps/evaluate-access.js';
import { checkPasswordless } from '../steps/passwordless.js';
import { mfaNeedsStart, startMfa } from '../steps/start-mfa.js';
import type { SigninTransaction } from '../types.js';

/**
 * Runs the steps that need nothing from the person (access; the phone's passwordless answer; entering MFA, which
 * picks the method or denies when none can be offered) until the transaction rests in a state that shows a page or is ready to issue.
 */
export async function advance(deps: SigninDeps, tx: SigninTransaction): Promise<void> {
  for (let guard = 0; guard < 5; guard++) {
    if (tx.state === 'access') await evaluateAccess(deps, tx);
    else if (tx.state === 'passwordless') {
      // The phone's answer needs nothing from the person: any visit of the page looks at it.
      await checkPasswordless(deps, tx);
      if (tx.state === 'passwordless') return;
    } else if (mfaNeedsStart(tx)) {
      if (!(await denyBlockedMfa(deps, tx))) await startMfa(deps, tx);
    } else return;
  }
  throw new Error(`sign-in ${tx.id} did not settle`);
}
