import { assuranceFor, meetsAssurance } from './requested-context.js';
import type { CompletedAuthentication, Decision, MissingRequirement, Requirements, Satisfaction, UnmetRequirement } from './types.js';

/** How `fresh` is judged: primary authentication at or after `freshSince` (e.g. the transaction's start), else within `freshWithinMs`. */
export interface FreshnessOptions {
  freshSince?: Date | number;
  freshWithinMs?: number;
}

/** How recent primary authentication must be to count as fresh, unless the caller says otherwise. */
export const DEFAULT_FRESH_WITHIN_MS = 5 * 60_000;

/**
 * Whether what the sign-in has done meets the decision: each requirement set on its own, the relying party's
 * requested context (step-up: an RP that asks for MFA gets it even where policy does not), and the sign-in
 * frequency. Call it after each step; `unmet` and `methods` say what to do next.
 */
export function isSatisfied(decision: Decision, completed: CompletedAuthentication, options: FreshnessOptions = {}): Satisfaction {
  const age = toMs(completed.now) - toMs(completed.authTime);
  const fresh = options.freshSince !== undefined ? toMs(completed.authTime) >= toMs(options.freshSince) : age <= (options.freshWithinMs ?? DEFAULT_FRESH_WITHIN_MS);
  const unmet: UnmetRequirement[] = [];
  for (const set of decision.requirementSets) {
    const missing = missingFrom(set, completed, fresh);
    if (missing.length > 0) unmet.push({ source: set.policy, kind: 'policy', missing, methods: [...set.methods] });
  }
  const requested = decision.requestedContext;
  if (requested !== null && requested !== 'pwd' && !meetsAssurance(assuranceFor(completed), requested)) {
    const missing: MissingRequirement[] = completed.amr.includes('mfa') ? [] : ['mfa'];
    if (requested === 'phr' && !completed.phishingResistant) missing.push('phishingResistant');
    unmet.push({ source: requested, kind: 'request', missing, methods: [] });
  }
  const frequency = decision.session.signInFrequency;
  const reauthenticate = unmet.some((u) => u.missing.includes('fresh')) || (frequency !== null && age > frequency);
  const blocked = decision.decision === 'block';
  return { satisfied: !blocked && unmet.length === 0 && !reauthenticate, blocked, reauthenticate, unmet, methods: nextMethods(unmet) };
}

function missingFrom(set: Requirements, completed: CompletedAuthentication, fresh: boolean): MissingRequirement[] {
  const missing: MissingRequirement[] = [];
  if (set.mfa && !completed.amr.includes('mfa')) missing.push('mfa');
  if (set.methods.length > 0 && !set.methods.some((m) => completed.methods.includes(m))) missing.push('methods');
  if (set.phishingResistant && !completed.phishingResistant) missing.push('phishingResistant');
  if (set.fresh && !fresh) missing.push('fresh');
  return missing;
}

function nextMethods(unmet: readonly UnmetRequirement[]): string[] | null {
  const restricting = unmet.filter((u) => u.missing.includes('methods'));
  if (restricting.length === 0) return null;
  const common = restricting.reduce<string[]>((acc, u) => acc.filter((m) => u.methods.includes(m)), [...new Set(restricting[0]!.methods)]);
  return common.length > 0 ? common : [...new Set(restricting.flatMap((u) => u.methods))];
}

function toMs(time: Date | number): number {
  return typeof time === 'number' ? time : time.getTime();
}
