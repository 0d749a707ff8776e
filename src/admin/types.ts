import type { DirectoryUser } from '../directory/types.js';

/** Who is calling the admin API or pages. `actor` is what the audit records as the admin's identity. */
export interface AdminIdentity {
  kind: 'token' | 'session';
  /** `token:NAME` for an API token, the admin's login for a session. */
  actor: string;
  /** The session's CSRF token: mutations made with the session cookie must carry it. */
  csrf?: string;
}

/** A push device (mobile app) as the admin sees it: nothing secret. */
export interface AdminDevice {
  id: string;
  name: string;
  platform?: string;
  createdAt?: string;
  lastUsedAt?: string;
  passwordless?: boolean;
}

/**
 * The user's mobile-app devices, for listing and removal. Implemented over src/devices when push is built; until
 * then `noDevices` (every user has none).
 */
export interface AdminDevices {
  list(user: DirectoryUser): Promise<AdminDevice[]>;
  /** False when the user has no such device. */
  remove(user: DirectoryUser, deviceId: string): Promise<boolean>;
}

/** Users blocked for MFA after they reported a push as fraud, until an admin unblocks them. */
export interface FraudBlocks {
  /** ISO time of the block; null when the user is not blocked. */
  blockedSince(user: DirectoryUser): Promise<string | null>;
  /** False when the user was not blocked. */
  unblock(user: DirectoryUser): Promise<boolean>;
}

export const noDevices: AdminDevices = {
  list: async () => [],
  remove: async () => false,
};

export const noFraudBlocks: FraudBlocks = {
  blockedSince: async () => null,
  unblock: async () => false,
};
