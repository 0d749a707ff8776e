import type { CompiledIndex } from './compiled-types.js';

/** enabled: enforced; reportOnly: evaluated and reported, never enforced; disabled: ignored. */
export type PolicyState = 'enabled' | 'reportOnly' | 'disabled';
/** The primary method of the sign-in so far. */
export type PrimaryMethod = 'password' | 'passwordless';
/** browser: an interactive browser sign-in; other: anything else (legacy or non-interactive clients). */
export type ClientKind = 'browser' | 'other';
/** Authentication assurance in rising order: password only, MFA, phishing-resistant MFA. */
export type AssuranceLevel = 'pwd' | 'mfa' | 'phr';
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** What applies when no enabled policy matches (config `policyDefault`). */
export type PolicyDefault = 'allow' | 'block';

/** Everything a decision may depend on. Built by the sign-in flow (or by what-if from the admin's flags). */
export interface EvaluationContext {
  user: { id: string; login: string; groups: readonly string[] };
  /** The relying party's `id` from config. */
  rpId: string;
  /** The client's address, already resolved through trusted proxies (see clientIpFrom). */
  clientIp: string;
  /** This browser's device cookie was on an earlier successful sign-in of this user. */
  deviceKnown: boolean;
  method: PrimaryMethod;
  client: ClientKind;
  /** What the relying party asked for (acr_values, RequestedAuthnContext, wauth); null when nothing. */
  requestedContext: AssuranceLevel | null;
  now: Date;
}

/** Users named by login or id, and groups by name; both compared without regard to case. */
export interface UserSelector {
  users: string[];
  groups: string[];
}

export interface UserAssignment {
  include: 'all' | UserSelector;
  exclude: UserSelector;
}

export interface ApplicationAssignment {
  include: 'all' | string[];
  exclude: string[];
}

/** Named locations from config `locations`, or `any`. */
export interface LocationCondition {
  include: string[];
  exclude: string[];
}

/** A weekly window in a time zone. `from` > `to` crosses midnight; `days` name the day the window opens. */
export interface TimeWindow {
  days: Weekday[];
  /** "HH:MM", inclusive; null with `to` null: the whole day. */
  from: string | null;
  /** "HH:MM" (or "24:00"), exclusive. */
  to: string | null;
  /** An IANA zone such as Europe/Stockholm. */
  zone: string;
}

/** Each condition given must hold; a list inside one is "any of". Absent conditions always hold. */
export interface PolicyConditions {
  locations?: LocationCondition;
  devices?: { known: boolean };
  methods?: PrimaryMethod[];
  clients?: ClientKind[];
  requestedContext?: AssuranceLevel[];
  time?: TimeWindow;
}

/** What one policy asks of a sign-in. */
export interface Requirements {
  /** Any second factor (amr contains `mfa`). */
  mfa: boolean;
  /** One of these MFA methods (adapter ids) must have been completed; empty: any. */
  methods: string[];
  phishingResistant: boolean;
  /** Primary authentication must be fresh, not re-used from an SSO session. */
  fresh: boolean;
}

/** block: refuse; require: these requirements; allow: permit (the policy may still carry session controls). */
export type Grant = { block: true } | { require: Requirements } | { allow: true };

export interface SessionControls {
  /** Milliseconds after which primary authentication must be done again; null: no limit from policy. */
  signInFrequency: number | null;
  /** Whether the SSO cookie may outlive the browser session; null: policy says nothing. */
  persistent: boolean | null;
}

/** One validated policy, as written (defaults filled in). */
export interface PolicyDefinition {
  name: string;
  state: PolicyState;
  users: UserAssignment;
  applications: ApplicationAssignment;
  conditions: PolicyConditions;
  grant: Grant;
  session: SessionControls;
}

/** The effect a matched policy has (or would have, for reportOnly). */
export type PolicyEffect = 'block' | 'require' | 'none';

/** One policy's part in a decision. */
export interface PolicyOutcome {
  name: string;
  state: PolicyState;
  matched: boolean;
  /** Human sentences; filled only when the evaluation was asked to explain. */
  why: string[];
  effect: PolicyEffect;
}

/** The requirements of one matched enabled policy; each set must be met on its own. */
export interface RequirementSet extends Requirements {
  policy: string;
}

/**
 * The answer for one sign-in. The first four keys are the contract of DESIGN.md ("what-if" JSON);
 * the rest is detail the sign-in flow needs.
 */
export interface Decision {
  decision: 'allow' | 'block' | 'require';
  /** A merged summary of `requirementSets` (see docs/policies.md); isSatisfied checks the sets one by one. */
  requirements: Requirements;
  session: SessionControls;
  /**
   * Without explain: the matched policies (enabled and reportOnly) only, `why` empty.
   * With explain: every policy that targets the application (disabled ones as not evaluated), with `why`.
   */
  policies: PolicyOutcome[];
  requirementSets: RequirementSet[];
  requestedContext: AssuranceLevel | null;
  /** True when no enabled policy matched and policyDefault decided. */
  defaulted: boolean;
}

/** The exact JSON of DESIGN.md's explanation. */
export interface PolicyExplanation {
  decision: Decision['decision'];
  requirements: Requirements;
  session: SessionControls;
  policies: PolicyOutcome[];
}

export interface EvaluateOptions {
  /** Compute `why` sentences and list the policies that did not match (what-if, admin, audit). */
  explain?: boolean;
  /** With explain: list every policy in the file, also those for other applications. */
  allPolicies?: boolean;
}

/** What the sign-in has done so far. */
export interface CompletedAuthentication {
  /** RFC 8176 values, e.g. ["pwd", "swk", "mfa"]. */
  amr: readonly string[];
  /** Ids of completed methods (primary and MFA adapters), e.g. ["password", "push"]. */
  methods: readonly string[];
  /** A phishing-resistant method was used. */
  phishingResistant: boolean;
  /** When primary authentication happened. */
  authTime: Date | number;
  now: Date | number;
}

export type MissingRequirement = 'mfa' | 'methods' | 'phishingResistant' | 'fresh';

/** One requirement set (or the relying party's request) that the sign-in has not met yet. */
export interface UnmetRequirement {
  /** A policy name, or the requested context ("mfa", "phr") when source is "request". */
  source: string;
  kind: 'policy' | 'request';
  missing: MissingRequirement[];
  /** The methods that would meet this set's `methods`; empty when it names none. */
  methods: string[];
}

/** isSatisfied's answer: whether the sign-in may proceed, and what is missing. */
export interface Satisfaction {
  satisfied: boolean;
  blocked: boolean;
  /** Primary authentication must be done again (`fresh` asked, or sign-in frequency elapsed). */
  reauthenticate: boolean;
  unmet: UnmetRequirement[];
  /**
   * The MFA methods to offer next: those that meet every unmet set naming methods (else their union);
   * null when no unmet set restricts methods (any MFA method will do).
   */
  methods: string[] | null;
}

/** One problem in a policy file. Errors stop the file from loading; warnings do not. */
export interface PolicyProblem {
  severity: 'error' | 'warning';
  /** Dotted key path such as `policies[2].conditions.locations.exclude[0]`; "" for the whole file. */
  path: string;
  /** 1-based; null when the problem has no place in the file (e.g. the file is unreadable). */
  line: number | null;
  column: number | null;
  message: string;
}

/** What the compiler needs from config. */
export interface PolicyEngineOptions {
  /** Config `locations`: name -> CIDRs (or single addresses). */
  locations: Readonly<Record<string, readonly string[]>>;
  policyDefault: PolicyDefault;
  /** Known relying-party ids; an unknown one in a policy is a warning. Omit to skip the check. */
  relyingParties?: readonly string[];
  /** Known MFA method ids for `grant.require.methods`; an unknown one is an error. Default: BUILT_IN_METHODS. */
  methods?: readonly string[];
}

/** A compiled, immutable set of policies; evaluate() and whatIf() take it. */
export interface PolicyEngine {
  readonly policies: readonly PolicyDefinition[];
  readonly policyDefault: PolicyDefault;
  /** Private to src/policy. */
  readonly compiled: CompiledIndex;
}

/** The result of loading a policy file: an engine and its warnings, or every problem found. */
export type PolicyLoadResult =
  | { ok: true; engine: PolicyEngine; warnings: PolicyProblem[] }
  | { ok: false; problems: PolicyProblem[] };
