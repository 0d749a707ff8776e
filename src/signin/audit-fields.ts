import type { AuditInput } from '../audit/types.js';
import type { DirectoryUser } from '../directory/types.js';
import type { SigninTransaction } from './types.js';

/** The audit fields every sign-in step shares, taken from the transaction (and the user once known). */
export function auditFields(tx: SigninTransaction, user?: DirectoryUser | null): Omit<AuditInput, 'event' | 'result'> {
  const [firstName, ...rest] = (user?.name ?? '').split(' ');
  return {
    transactionId: tx.id,
    uniqueId: user?.login ?? tx.subject?.login,
    ...(firstName ? { firstName } : {}),
    ...(rest.length ? { lastName: rest.join(' ') } : {}),
    ...(user?.email ? { email: user.email } : {}),
    authMode: tx.primary ?? 'password',
    rp: tx.origin.rpId,
    clientIp: tx.clientIp,
  };
}
