import type { Audit } from '../audit/types.js';
import type { Clock } from '../clock/clock.js';
import type { Directory, DirectoryUser } from '../directory/types.js';
import type { MfaRegistry } from '../mfa/mfa-registry.js';
import type { KnownDevices } from './known-devices.js';
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
  /** Device familiarity for policy (`devices: { known }`) and familiar IPs; without it every device is unknown. */
  devices?: KnownDevices;
  /** The MFA adapters; without them a sign-in that needs MFA is denied. */
  mfa?: { registry: MfaRegistry; /** "More information required": enroll a first method during sign-in. */ enrollOnSignin: boolean };
  /** Remembers completed sign-ins per user (the portal's "recent sign-ins"). */
  history?: SigninHistoryPort;
}

/** One completed sign-in, as the user sees it in the portal. */
export interface SigninHistoryEntry {
  /** Milliseconds since the epoch. */
  time: number;
  rpId: string;
  rpName: string;
  clientIp: string;
  amr: string[];
}

export interface SigninHistoryPort {
  record(userId: string, entry: SigninHistoryEntry): Promise<void>;
}
