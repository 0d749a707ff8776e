import type { ParsedIp } from './network-set.js';
import type { EvaluationContext, PolicyDefinition, PolicyEffect, RequirementSet, SessionControls } from './types.js';

/**
 * What one evaluation computes at most once, and only when a condition needs it: the parsed client address and
 * the user's names in lower case.
 */
export interface EvaluationScratch {
  context: EvaluationContext;
  ip: ParsedIp | null | undefined;
  login: string | undefined;
  id: string | undefined;
}

/** One test of a policy; appends human sentences to `why` when it is given (explain mode). */
export type Check = (scratch: EvaluationScratch, why: string[] | null) => boolean;

export interface CompiledPolicy {
  /** Position in the file: candidates are merged back into file order. */
  index: number;
  definition: PolicyDefinition;
  /** Users and conditions, in the order an explanation reads them. Applications are decided by the index. */
  checks: Check[];
  allApplications: boolean;
  includedApplications: ReadonlySet<string>;
  excludedApplications: ReadonlySet<string>;
  effect: PolicyEffect;
  requirementSet: RequirementSet | null;
  session: SessionControls;
  hasSession: boolean;
}

/** Policies by application, so that a decision costs what the policies that can match cost. */
export interface CompiledIndex {
  /** Policies naming the application in `include` (and not excluding it), in file order. */
  byApplication: ReadonlyMap<string, readonly CompiledPolicy[]>;
  /** Policies with `include: all`, in file order; each still checks its excludes. */
  forAllApplications: readonly CompiledPolicy[];
  all: readonly CompiledPolicy[];
}
