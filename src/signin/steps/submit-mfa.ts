import type { MfaForm } from '../../mfa/types.js';
import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';
import { completeMethod, mfaContext, mfaScratch, mfaSubject, setMfaScratch } from './mfa-state.js';

/**
 * The person answered the method's page: tryEnd decides. ok completes the method (and access is decided again);
 * pending waits; retry shows the page again with the adapter's message; fail ends the sign-in.
 */
export async function submitMfa(deps: SigninDeps, tx: SigninTransaction, form: MfaForm): Promise<void> {
  const scratch = mfaScratch(tx);
  const subject = await mfaSubject(deps, tx);
  const adapter = scratch?.mode === 'challenge' && scratch.method ? subject?.registry.get(scratch.method) : undefined;
  if (!scratch || !subject || !adapter) return;
  const { user, registry } = subject;
  const fields = { ...auditFields(tx, user), authMode: adapter.id };
  let result;
  try {
    result = await adapter.tryEnd(user, mfaContext(tx), form);
  } catch (error) {
    registry.logFailure(adapter, 'tryEnd', error);
    setMfaScratch(tx, { ...scratch, error: undefined });
    tx.notice = 'mfa.error.unavailable';
    deps.audit.record({ ...fields, event: 'mfa.failed', result: 'failure', reason: 'adapter_error' });
    return;
  }
  tx.notice = undefined;
  switch (result.kind) {
    case 'ok':
      return completeMethod(deps, tx, user, adapter, result.amr);
    case 'pending':
      setMfaScratch(tx, { ...scratch, error: undefined });
      return;
    case 'retry':
      setMfaScratch(tx, { ...scratch, error: result.message });
      deps.audit.record({ ...fields, event: result.reason === 'locked' ? 'mfa.locked' : 'mfa.failed', result: 'failure', reason: result.reason ?? 'retry' });
      return;
    case 'fail':
      tx.failure = { code: 'mfa_failed', messageKey: 'signin.error.mfaFailed', ...(result.message ? { message: result.message } : {}) };
      deps.audit.record({ ...fields, event: 'mfa.failed', result: 'failure', reason: result.reason });
      deps.transactions.move(tx, 'failed');
  }
}
