import type { DirectoryUser } from '../../directory/types.js';
import type { MfaAdapter } from '../../mfa/types.js';
import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';
import { mfaContext, mfaScratch, mfaSubject, methodRequirements, setMfaScratch } from './mfa-state.js';
import { denyWithoutMfaMethod } from './require-mfa.js';

/** Whether the MFA step has yet to pick what to show (it has just been entered). */
export function mfaNeedsStart(tx: SigninTransaction): boolean {
  return tx.state === 'mfa' && mfaScratch(tx) === undefined;
}

/**
 * Entering MFA: the user's default (or last used) method among those available and allowed by the decision
 * begins. A user with none gets "More information required" when enrollment during sign-in is allowed and a
 * method the decision accepts can be enrolled; otherwise the sign-in is denied.
 */
export async function startMfa(deps: SigninDeps, tx: SigninTransaction): Promise<void> {
  const subject = await mfaSubject(deps, tx);
  if (!subject || !deps.mfa) return denyWithoutMfaMethod(deps, tx);
  const { user, registry } = subject;
  const requirements = methodRequirements(tx);
  const [first] = await registry.availableFor(user, mfaContext(tx), requirements);
  if (first) return beginMethod(deps, tx, user, first);
  const enrollable = registry.enrollable(requirements).filter((adapter) => !adapter.metadata.fallback);
  if (!deps.mfa.enrollOnSignin || enrollable.length === 0) return denyWithoutMfaMethod(deps, tx);
  setMfaScratch(tx, { mode: 'enroll-required' });
  deps.audit.record({ ...auditFields(tx, user), event: 'enrollment.required', result: 'info', reason: enrollable.map((a) => a.id).join(',') });
}

/** "Sign in another way": the list of every method available to the user. */
export async function showOtherMethods(_deps: SigninDeps, tx: SigninTransaction): Promise<void> {
  const scratch = mfaScratch(tx);
  if (scratch?.mode !== 'challenge' && scratch?.mode !== 'choose') return;
  setMfaScratch(tx, { mode: 'choose', ...(scratch.method ? { method: scratch.method } : {}) });
  tx.notice = undefined;
}

/** The person picked a method from the list; it begins if it is available and allowed, else the list stays. */
export async function chooseMfaMethod(deps: SigninDeps, tx: SigninTransaction, methodId: string): Promise<void> {
  const scratch = mfaScratch(tx);
  const subject = await mfaSubject(deps, tx);
  if (!subject || (scratch?.mode !== 'choose' && scratch?.mode !== 'challenge')) return;
  const available = await subject.registry.availableFor(subject.user, mfaContext(tx), methodRequirements(tx));
  const chosen = available.find((adapter) => adapter.id === methodId);
  if (chosen) await beginMethod(deps, tx, subject.user, chosen);
}

async function beginMethod(deps: SigninDeps, tx: SigninTransaction, user: DirectoryUser, adapter: MfaAdapter): Promise<void> {
  const fields = { ...auditFields(tx, user), authMode: adapter.id };
  try {
    const view = await adapter.begin(user, mfaContext(tx));
    setMfaScratch(tx, { mode: 'challenge', method: adapter.id, view });
    tx.notice = undefined;
    deps.audit.record({ ...fields, event: 'mfa.started', result: 'pending' });
  } catch (error) {
    deps.mfa?.registry.logFailure(adapter, 'begin', error);
    setMfaScratch(tx, { mode: 'choose', method: adapter.id });
    tx.notice = 'mfa.error.beginFailed';
    deps.audit.record({ ...fields, event: 'mfa.failed', result: 'failure', reason: 'begin_failed' });
  }
}
