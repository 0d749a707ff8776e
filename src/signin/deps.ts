import type { Audit } from '../audit/types.js';
import type { Clock } from '../clock/clock.js';
import type { Directory, DirectoryUser } from '../directory/types.js';
import type { SsoSessions } from './sso-sessions.js';
import type { TransactionRepository } from './transaction-repository.js';
import type { AccessOutcome, SigninTransaction } from './types.js';

/**
 * Decides access for a sign-in on its full context (src/policy does the deciding; this is the port the state
 * machine sees). `missing` lists what the sign-in still has to do.
 */
export interface AccessDecider {
  decide(user: DirectoryUser, tx: SigninTransaction, deviceKnown: boolean): AccessOutcome;
}

/** What the sign-in steps need, and nothing more. */
export interface SigninDeps {
  transactions: TransactionRepository;
  sso: SsoSessions;
  directory: Directory;
  audit: Audit;
  clock: Clock;
  access: AccessDecider;
}
