export { createPolicyEngine } from './create-policy-engine.js';
export { loadPolicyFile, type LoadPolicyFileOptions } from './load-policy-file.js';
export { evaluate, whatIf, toExplanation } from './evaluate.js';
export { isSatisfied, DEFAULT_FRESH_WITHIN_MS, type FreshnessOptions } from './is-satisfied.js';
export {
  ACR,
  MULTIPLE_AUTHN,
  REFEDS_MFA,
  PASSWORD_PROTECTED_TRANSPORT,
  assuranceOf,
  assuranceFor,
  acrFor,
  authnContextClassRefFor,
  meetsAssurance,
  requestedContextFromAcrValues,
  requestedContextFromAuthnContext,
  requestedContextFromWauth,
} from './requested-context.js';
export { clientIpFrom, trustedProxySet } from './client-ip.js';
export { formatPolicyProblem } from './policy-problem.js';
export { parsePolicyFile, type ParsedPolicyFile, type SourcePosition } from './parse-policy-file.js';
export { validatePolicies, BUILT_IN_METHODS, type ValidationOptions } from './validate-policies.js';
export { lintPolicies } from './lint-policies.js';
export { compilePolicies } from './compile-policies.js';
export type { KeyPath, PathProblem } from './policy-problem.js';
export type { NetworkSet } from './network-set.js';
export type {
  ApplicationAssignment,
  AssuranceLevel,
  ClientKind,
  CompletedAuthentication,
  Decision,
  EvaluateOptions,
  EvaluationContext,
  Grant,
  LocationCondition,
  MissingRequirement,
  PolicyConditions,
  PolicyDefault,
  PolicyDefinition,
  PolicyEffect,
  PolicyEngine,
  PolicyEngineOptions,
  PolicyExplanation,
  PolicyLoadResult,
  PolicyOutcome,
  PolicyProblem,
  PolicyState,
  PrimaryMethod,
  RequirementSet,
  Requirements,
  Satisfaction,
  SessionControls,
  TimeWindow,
  UnmetRequirement,
  UserAssignment,
  UserSelector,
  Weekday,
} from './types.js';
