export type {
  AdapterLogger,
  AdapterStore,
  CreateMfaAdapter,
  EnrollableMfaAdapter,
  Enrollment,
  EnrollResult,
  Mailer,
  MethodRequirements,
  MfaAdapter,
  MfaAdapterDeps,
  MfaAdapterMetadata,
  MfaContext,
  MfaForm,
  MfaView,
  TryEndResult,
} from './types.js';
export { ok, pending, retry, fail, enrolled } from './results.js';
export { isEnrollable } from './is-enrollable.js';
export { checkAdapter } from './check-adapter.js';
export { loadAdapterModules, DEFAULT_MFA_ADAPTERS, type AdapterModule, type AdapterRef } from './load-adapter-modules.js';
export { createMfaRegistry, type MfaRegistryDeps } from './create-mfa-registry.js';
export { MfaRegistry, type EnrolledMethod } from './mfa-registry.js';
export { AttemptLimiter, MAX_FAILURES_BOUND, type AttemptLimits } from './attempt-limiter.js';
export type { FragmentLocals } from './render-view.js';
export type { MethodPreferences } from './preferences.js';
export { loadMfaModules, createMfaFromConfig, deviceServiceFromConfig } from './mfa-from-config.js';
