export { UserSync, type ImportOptions, type SyncOptions } from './user-sync.js';
export { SyncScheduler } from './sync-scheduler.js';
export { withSyncLock, SYNC_LOCK_TTL } from './sync-lock.js';
export { createUserSync, configuredScope, setDefaults, PREFERENCES_KIND, type MfaForSync, type UserSyncWiring } from './create-user-sync.js';
export { createEnrollmentMailer, type EnrollmentMessage } from './enrollment-mail.js';
export { ImportedUsers, type SyncState } from './imported-users.js';
export { scopeKey } from './plan-changes.js';
export type { ImportedUser, SyncReport, SyncChange, SyncDeps, SyncSettings, UserSource, MfaPurger, MethodDefaults, EnrollmentMailer } from './types.js';
