import type { DirectoryUser } from '../../directory/types.js';
import type { MfaAdapter, MfaContext, MfaView } from '../../mfa/types.js';
import type { MfaRegistry } from '../../mfa/mfa-registry.js';
import type { SigninDeps } from '../deps.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';

/**
 * Where the MFA step stands, kept in the transaction's scratch space:
 * challenge (an adapter's page) | choose ("Sign in another way") | enroll-required ("More information required")
 * | enroll (a method being set up) | enrolled (set up; continue).
 */
export interface MfaScratch {
  mode: 'challenge' | 'choose' | 'enroll-required' | 'enroll' | 'enrolled';
  method?: string;
  /** The challenge page begin() returned: shown again on refresh without calling begin() twice. */
  view?: MfaView;
  /** The adapter's message after a retry, shown tied to its field. */
  error?: string;
}

export function mfaScratch(tx: SigninTransaction): MfaScratch | undefined {
  return tx.scratch.mfa as MfaScratch | undefined;
}

export function setMfaScratch(tx: SigninTransaction, scratch: MfaScratch | undefined): void {
  if (scratch) tx.scratch.mfa = scratch;
  else delete tx.scratch.mfa;
}

/** What an adapter is told about this sign-in. */
export function mfaContext(tx: SigninTransaction, purpose: MfaContext['purpose'] = 'signin'): MfaContext {
  return { purpose, transactionId: tx.id, clientIp: tx.clientIp, rpId: tx.origin.rpId, locale: tx.request.uiLocales?.[0] ?? 'en' };
}

/** The requirements of the access decision that choose among methods. */
export function methodRequirements(tx: SigninTransaction) {
  const requirements = tx.access?.requirements;
  return { methods: requirements?.methods ?? [], phishingResistant: requirements?.phishingResistant ?? false };
}

/** The user and registry an MFA step needs; a transaction in `mfa` without them is a bug. */
export async function mfaSubject(deps: SigninDeps, tx: SigninTransaction): Promise<{ user: DirectoryUser; registry: MfaRegistry } | undefined> {
  const id = tx.subject?.id;
  if (!id || !deps.mfa) return undefined;
  const user = await deps.directory.getUser(id);
  return user && !user.disabled ? { user, registry: deps.mfa.registry } : undefined;
}

/**
 * A method ran: it joins `methods`, its amr values join `amr` with `mfa` (a second, independent factor), the
 * user's last-used method is remembered, and access is decided again so policy sees the method.
 */
export async function completeMethod(deps: SigninDeps, tx: SigninTransaction, user: DirectoryUser, adapter: MfaAdapter, amr: readonly string[]): Promise<void> {
  const valid = amr.filter((value) => adapter.metadata.amr.includes(value));
  tx.methods = [...new Set([...tx.methods, adapter.id])];
  tx.amr = [...new Set([...tx.amr, ...(valid.length ? valid : adapter.metadata.amr), 'mfa'])];
  tx.notice = undefined;
  setMfaScratch(tx, undefined);
  await deps.mfa?.registry.preferences.recordUse(user.id, adapter.id);
  deps.audit.record({ ...auditFields(tx, user), event: 'mfa.completed', result: 'success', authMode: adapter.id, reason: tx.amr.join(' ') });
  deps.transactions.move(tx, 'access');
}
