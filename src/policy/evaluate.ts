import type { CompiledPolicy, EvaluationScratch } from './compiled-types.js';
import { mergeRequirements, mergeSession, NO_SESSION } from './merge-requirements.js';
import type { Decision, EvaluateOptions, EvaluationContext, PolicyEngine, PolicyExplanation, PolicyOutcome, RequirementSet, SessionControls } from './types.js';

interface Tally {
  outcomes: PolicyOutcome[];
  sets: RequirementSet[];
  sessions: SessionControls[];
  matchedEnabled: boolean;
  blocked: boolean;
}

/**
 * Decides one sign-in. Every enabled policy that matches applies: any block wins, otherwise each matched policy's
 * requirements must be met on its own; with no match, the engine's policyDefault decides. reportOnly policies are
 * evaluated and listed with their would-be effect, never enforced. Only the policies that target the application
 * are looked at, unless `allPolicies` asks for all of them in an explanation.
 */
export function evaluate(engine: PolicyEngine, context: EvaluationContext, options: EvaluateOptions = {}): Decision {
  const explain = options.explain === true;
  const scratch: EvaluationScratch = { context, ip: undefined, login: undefined, id: undefined };
  const tally: Tally = { outcomes: [], sets: [], sessions: [], matchedEnabled: false, blocked: false };
  const { byApplication, forAllApplications, all } = engine.compiled;
  if (explain && options.allPolicies) {
    for (const policy of all) visit(policy, scratch, tally, true);
  } else {
    // Merge the two candidate lists back into file order.
    const named = byApplication.get(context.rpId) ?? [];
    let i = 0;
    let j = 0;
    while (i < named.length || j < forAllApplications.length) {
      const a = named[i];
      const b = forAllApplications[j];
      if (b === undefined || (a !== undefined && a.index < b.index)) {
        visit(a!, scratch, tally, explain);
        i++;
      } else {
        if (explain || !b.excludedApplications.has(context.rpId)) visit(b, scratch, tally, explain);
        j++;
      }
    }
  }
  return decide(engine, context, tally);
}

/** evaluate() with an explanation of every policy in the file (what-if, admin API). */
export function whatIf(engine: PolicyEngine, context: EvaluationContext, options: { allPolicies?: boolean } = {}): Decision {
  return evaluate(engine, context, { explain: true, allPolicies: options.allPolicies ?? true });
}

/** Exactly the JSON of DESIGN.md: decision, requirements, session, policies. */
export function toExplanation(decision: Decision): PolicyExplanation {
  return { decision: decision.decision, requirements: decision.requirements, session: decision.session, policies: decision.policies };
}

function visit(policy: CompiledPolicy, scratch: EvaluationScratch, tally: Tally, explain: boolean): void {
  const { name, state } = policy.definition;
  if (state === 'disabled') {
    if (explain) tally.outcomes.push({ name, state, matched: false, why: ['the policy is disabled (not evaluated)'], effect: 'none' });
    return;
  }
  const why: string[] | null = explain ? [] : null;
  // Without explain the index has already settled the application. With it, another application's
  // conditions are beside the point; this application's are all read, so that every reason shows.
  let matched = explain ? applicationMatches(policy, scratch.context.rpId, why!) : true;
  if (matched) {
    for (const check of policy.checks) {
      if (!check(scratch, why)) {
        matched = false;
        if (!explain) break;
      }
    }
  }
  if (!matched) {
    if (explain) tally.outcomes.push({ name, state, matched, why: why!, effect: 'none' });
    return;
  }
  if (state === 'reportOnly') {
    why?.push('report-only: evaluated, not enforced');
  } else {
    tally.matchedEnabled = true;
    if (policy.effect === 'block') tally.blocked = true;
    if (policy.requirementSet) tally.sets.push(policy.requirementSet);
    if (policy.hasSession) tally.sessions.push(policy.session);
  }
  tally.outcomes.push({ name, state, matched, why: why ?? [], effect: policy.effect });
}

function applicationMatches(policy: CompiledPolicy, rpId: string, why: string[]): boolean {
  const excluded = policy.excludedApplications.has(rpId);
  const included = policy.allApplications || policy.includedApplications.has(rpId);
  if (!included) why.push(`application ${rpId} is not included`);
  else if (excluded) why.push(`application ${rpId} is excluded`);
  else why.push(`application ${rpId} is included${policy.allApplications ? ' (all applications)' : ''}`);
  return included && !excluded;
}

function decide(engine: PolicyEngine, context: EvaluationContext, tally: Tally): Decision {
  const decision = tally.blocked ? 'block' : tally.sets.length > 0 ? 'require' : tally.matchedEnabled ? 'allow' : engine.policyDefault;
  return {
    decision,
    requirements: mergeRequirements(decision === 'require' ? tally.sets : []),
    session: tally.sessions.length > 0 ? mergeSession(tally.sessions) : { ...NO_SESSION },
    policies: tally.outcomes,
    requirementSets: decision === 'require' ? tally.sets : [],
    requestedContext: context.requestedContext,
    defaulted: !tally.matchedEnabled,
  };
}
