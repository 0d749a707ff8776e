/** A person as the directory knows them. `id` is stable; `login` is what they type. */
export interface DirectoryUser {
  id: string;
  login: string;
  name?: string;
  email?: string;
  groups: string[];
  /** An immutable id for hybrid tenants (objectGUID on AD); the embedded directory uses `id`. */
  immutableId?: string;
  disabled?: boolean;
  attributes: Record<string, string | string[]>;
}

/** Why a password check failed. `invalid` covers both a wrong password and an unknown user, on purpose. */
export type PasswordFailure =
  | 'invalid'
  | 'disabled'
  | 'locked'
  | 'passwordExpired'
  | 'accountExpired'
  | 'mustChangePassword'
  | 'logonRestricted'
  | 'unavailable';

export type PasswordCheck = { ok: true; user: DirectoryUser } | { ok: false; reason: PasswordFailure };

/** Where users and their passwords come from: the embedded directory or LDAP / Active Directory. */
export interface Directory {
  readonly type: string;
  /** Finds a user by anything they may type as their login; null when nobody matches. */
  findUser(login: string): Promise<DirectoryUser | null>;
  /** Finds a user by their stable id. */
  getUser(id: string): Promise<DirectoryUser | null>;
  /**
   * Checks a password. An unknown user costs the same work as a known one (a dummy hash is checked), so that
   * neither the answer nor the code path tells them apart.
   */
  verifyPassword(login: string, password: string): Promise<PasswordCheck>;
  /** Resolves when the directory is reachable (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
