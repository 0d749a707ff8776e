import type { SigninDeps } from '../deps.js';
import type { SsoSession } from '../sso-sessions.js';
import type { SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';

/**
 * The sign-in is issued: the SSO session is written (bounded by the decision's sign-in frequency) and the
 * transaction is done. The protocol module then builds its token from the transaction.
 */
export async function completeSignin(deps: SigninDeps, tx: SigninTransaction): Promise<SsoSession> {
  const { subject, primary, authTime } = tx;
  if (tx.state !== 'issue' || !subject?.id || !primary || authTime === undefined) {
    throw new Error(`sign-in ${tx.id} cannot be issued from state ${tx.state}`);
  }
  const previous = await deps.sso.find(tx.ssoSessionId);
  const sameUser = previous?.userId === subject.id;
  const frequency = tx.access?.session.signInFrequencyMs;
  const session = await deps.sso.save({
    ...(sameUser && previous ? { id: previous.id } : {}),
    userId: subject.id,
    login: subject.login,
    primary,
    amr: tx.amr,
    methods: tx.methods,
    authTime,
    rps: [...new Set([...(sameUser ? previous.rps : []), tx.origin.rpId])],
    ...(frequency ? { lifetimeMs: Math.max(1_000, authTime * 1000 + frequency - deps.clock.now()) } : {}),
  });
  if (previous && !sameUser) await deps.sso.destroy(previous.id);
  tx.ssoSessionId = session.id;
  deps.transactions.move(tx, 'done');
  deps.audit.record({ ...auditFields(tx), event: 'signin.completed', result: 'success', reason: tx.amr.join(' ') });
  await deps.devices?.remember(subject.id, tx.browserId, tx.clientIp);
  await deps.history?.record(subject.id, { time: deps.clock.now(), rpId: tx.origin.rpId, rpName: tx.origin.rpName, clientIp: tx.clientIp, amr: tx.amr });
  return session;
}
