/**
 * Config `lockout`: extranet smart lockout of the password step, as AD FS does it. Failures are counted per user
 * and per kind of place: familiar (an IP this user signed in from before, up to 20 kept) and unfamiliar.
 */
export interface LockoutSettings {
  /** enforce: a locked source is refused; logOnly: lockouts are only audited (a first rollout). */
  mode: 'enforce' | 'logOnly';
  /** Wrong passwords from familiar IPs, within `window`, that lock familiar IPs out. */
  familiarThreshold: number;
  /** Wrong passwords from unfamiliar IPs, within `window`, that lock unfamiliar IPs out. */
  unfamiliarThreshold: number;
  /** The observation window (ms): failures older than this are forgotten, and a lockout lasts this long. */
  window: number;
}

export type LockoutScope = 'familiar' | 'unfamiliar';

/** Where one kind of place stands for a user. */
export interface ScopeStatus {
  failures: number;
  threshold: number;
  locked: boolean;
  /** ISO time the lockout ends (when locked). */
  until?: string;
}

/** A user's smart lockout, as the admin pages show it. */
export interface LockoutStatus {
  mode: LockoutSettings['mode'];
  familiar: ScopeStatus;
  unfamiliar: ScopeStatus;
}
