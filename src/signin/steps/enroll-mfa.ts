import { isEnrollable } from '../../mfa/is-enrollable.js';
import type { EnrollableMfaAdapter, MfaForm, MfaView } from '../../mfa/types.js';
import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';
import { completeMethod, mfaContext, mfaScratch, mfaSubject, methodRequirements, setMfaScratch } from './mfa-state.js';

/** "More information required": the person picked a method to set up now. */
export async function beginMfaEnrollment(deps: SigninDeps, tx: SigninTransaction, methodId: string): Promise<void> {
  const scratch = mfaScratch(tx);
  const subject = await mfaSubject(deps, tx);
  if (!subject || (scratch?.mode !== 'enroll-required' && scratch?.mode !== 'enroll')) return;
  const allowed = subject.registry.enrollable(methodRequirements(tx)).filter((adapter) => !adapter.metadata.fallback);
  if (allowed.some((adapter) => adapter.id === methodId)) setMfaScratch(tx, { mode: 'enroll', method: methodId });
}

/** Back to the list of methods that can be set up. */
export async function cancelMfaEnrollment(_deps: SigninDeps, tx: SigninTransaction): Promise<void> {
  if (mfaScratch(tx)?.mode === 'enroll') setMfaScratch(tx, { mode: 'enroll-required' });
}

/**
 * Confirms the enrollment (TOTP: the first code). On success the fallback methods the user lacks (recovery codes)
 * are set up too, and their pages are returned to be shown once: they are never stored.
 */
export async function finishMfaEnrollment(deps: SigninDeps, tx: SigninTransaction, form: MfaForm): Promise<MfaView[]> {
  const scratch = mfaScratch(tx);
  const subject = await mfaSubject(deps, tx);
  const adapter = scratch?.mode === 'enroll' && scratch.method ? subject?.registry.get(scratch.method) : undefined;
  if (!scratch || !subject || !adapter || !isEnrollable(adapter)) return [];
  const { user, registry } = subject;
  const fields = { ...auditFields(tx, user), authMode: adapter.id };
  let result;
  try {
    result = await adapter.finishEnrollment(user, mfaContext(tx, 'enrollment'), form);
  } catch (error) {
    registry.logFailure(adapter, 'finishEnrollment', error);
    result = { kind: 'retry' as const, message: '', reason: 'adapter_error' };
  }
  tx.notice = result.kind === 'retry' && !result.message ? 'mfa.error.unavailable' : undefined;
  if (result.kind === 'retry') {
    setMfaScratch(tx, { ...scratch, error: result.message || undefined });
    deps.audit.record({ ...fields, event: 'method.enrolled', result: 'failure', reason: result.reason ?? 'retry' });
    return [];
  }
  deps.audit.record({ ...fields, event: 'method.enrolled', result: 'success' });
  setMfaScratch(tx, { mode: 'enrolled', method: adapter.id });
  const views = result.view ? [result.view] : [];
  for (const fallback of registry.enrollable().filter((a) => a.metadata.fallback && a.id !== adapter.id)) views.push(...(await enrollFallback(deps, tx, fallback)));
  return views;
}

/** After "More information required" the new method counts as the one that ran: MFA is done. */
export async function continueAfterEnrollment(deps: SigninDeps, tx: SigninTransaction): Promise<void> {
  const scratch = mfaScratch(tx);
  const subject = await mfaSubject(deps, tx);
  const adapter = scratch?.mode === 'enrolled' && scratch.method ? subject?.registry.get(scratch.method) : undefined;
  if (subject && adapter) await completeMethod(deps, tx, subject.user, adapter, adapter.metadata.amr);
}

async function enrollFallback(deps: SigninDeps, tx: SigninTransaction, adapter: EnrollableMfaAdapter): Promise<MfaView[]> {
  const subject = await mfaSubject(deps, tx);
  if (!subject || (await adapter.enrollmentOf(subject.user))) return [];
  const result = await adapter.finishEnrollment(subject.user, mfaContext(tx, 'enrollment'), {});
  if (result.kind !== 'ok') return [];
  deps.audit.record({ ...auditFields(tx, subject.user), authMode: adapter.id, event: 'method.enrolled', result: 'success' });
  return result.view ? [result.view] : [];
}
