import type { Audit, AuditInput } from '../audit/types.js';
import type { Clock } from '../clock/clock.js';
import type { Directory, DirectoryUser } from '../directory/types.js';
import type { MfaRegistry } from '../mfa/mfa-registry.js';
import type { KnownDevices } from './known-devices.js';
import type { SsoSessions } from './sso-sessions.js';
import type { PhonePort } from './phone-port.js';
import type { TransactionRepository } from './transaction-repository.js';
import type { TransactionSignals } from './transaction-signals.js';
import type { AccessOutcome, SigninTransaction } from './types.js';

/**
 * Decides access for a sign-in on its full context (src/policy does the deciding; this is the port the state
 * machine sees). `missing` lists what the sign-in still has to do.
 */
export interface AccessDecider {
  decide(user: DirectoryUser, tx: SigninTransaction, deviceKnown: boolean): AccessOutcome;
  /**
   * Whether policy permits passwordless phone sign-in here, asked before any push is sent: evaluated as if the
   * method were passwordless, it must not block and must ask nothing a push approved with user verification cannot
   * give. Without it, passwordless is never offered.
   */
  permitsPasswordless?(user: DirectoryUser, tx: SigninTransaction, deviceKnown: boolean): boolean;
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
  /** The phone (src/devices): passwordless sign-in by push, and the fraud block. Without it, no passwordless. */
  phone?: PhonePort;
  /** "This sign-in changed" across nodes: the pages waiting for a phone listen to it. */
  signals?: TransactionSignals;
  /** Smart lockout of the password step (src/lockout); without it only the per-sign-in try limit applies. */
  lockout?: PasswordLockout;
}

/** What smart lockout answered before the directory was asked; handed back with the directory's answer. */
export interface LockoutGate {
  /** This source is locked out for this user: refuse without asking the directory. */
  readonly refused: boolean;
}

/** Smart lockout, as the password step sees it: asked first, then told how the directory answered. */
export interface PasswordLockout {
  check(login: string, clientIp: string): Promise<LockoutGate>;
  /** A wrong password; `fields` are the step's audit fields for the events lockout records. */
  failed(gate: LockoutGate, fields: Omit<AuditInput, 'event' | 'result'>): Promise<void>;
  succeeded(gate: LockoutGate, fields: Omit<AuditInput, 'event' | 'result'>): Promise<void>;
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
