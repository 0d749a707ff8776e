import type { Logger } from 'pino';
import type { Audit } from '../../audit/index.js';
import type { Clock } from '../../clock/clock.js';
import type { Store } from '../../store/types.js';
import type { ListedUser } from '../ldap/user-scanner.js';
import type { ChangeMark, ScannedUser, UserScope } from '../ldap/types.js';
import type { DirectoryUser } from '../types.js';

export type { ChangeMark, ScannedUser, UserScope, ListedUser };

/** A directory user as Gatehouse keeps them after import (Store durable records, kind `directory.imported`). */
export interface ImportedUser {
  id: string;
  dn: string;
  login: string;
  name?: string;
  email?: string;
  /** Disabled in the directory at the last sync (sign-in asks the directory itself every time). */
  disabled: boolean;
  /** The default MFA method and language given at import (sync.defaultMethod, sync.language). */
  method?: string;
  language?: string;
  /** The scope that brought the user in: `base:<dn>`, `group:<dn>` or both joined by `;`. */
  source: string;
  importedAt: string;
  updatedAt: string;
  /** Set when the user was gone from the directory (or left the sync scope); MFA is purged removedRetention later. */
  removedAt?: string;
  /** When the enrollment email went out. */
  mailedAt?: string;
}

/** What the sync reads from the directory (the LDAP directory's UserScanner). */
export interface UserSource {
  scan(scope: UserScope, since?: ChangeMark, pageSize?: number): Promise<ScannedUser[]>;
  list(scope: UserScope, pageSize?: number): Promise<ListedUser[]>;
  byIds(ids: string[]): Promise<ScannedUser[]>;
  changeMark(): Promise<ChangeMark>;
}

/** Removes a user's MFA registrations (MfaRegistry.resetUser); returns the methods removed. */
export interface MfaPurger {
  purge(user: DirectoryUser): Promise<string[]>;
}

/** Sets users' default MFA method, except for those who already chose one. */
export interface MethodDefaults {
  setIfUnset(userIds: string[], method: string): Promise<void>;
}

/** Sends the enrollment email to a newly imported user. */
export interface EnrollmentMailer {
  send(user: ImportedUser): Promise<void>;
}

export interface SyncDeps {
  store: Store;
  source: UserSource;
  clock: Clock;
  mfa: MfaPurger;
  defaults?: MethodDefaults;
  mailer?: EnrollmentMailer;
  audit?: Audit;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface SyncSettings {
  scope: UserScope;
  pageSize: number;
  removedRetention: number;
  defaultMethod?: string;
  language?: string;
  enrollmentEmail: boolean;
}

export type ChangeKind = 'add' | 'update' | 'disable' | 'enable' | 'restore' | 'remove' | 'purge';

/** One change a run makes (or, with --dry-run, would make). */
export interface SyncChange {
  kind: ChangeKind;
  id: string;
  login: string;
  /** update: which fields changed; purge: which methods were removed. */
  detail?: string[];
}

export interface SyncReport {
  mode: 'import' | 'full' | 'incremental';
  dryRun: boolean;
  scope: string;
  counts: Record<ChangeKind | 'unchanged' | 'mailed', number>;
  changes: SyncChange[];
  durationMs: number;
}
