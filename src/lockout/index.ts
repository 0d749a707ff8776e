export { SmartLockout, type SmartLockoutDeps } from './smart-lockout.js';
export type { LockoutSettings, LockoutScope, LockoutStatus, ScopeStatus } from './types.js';
