import type { DirectoryUser } from '../directory/types.js';
import { createPolicyEngine, evaluate, isSatisfied, type Decision, type PolicyEngine, type Satisfaction } from '../policy/index.js';
import type { AccessDecider } from './deps.js';
import type { AccessOutcome, SigninTransaction } from './types.js';

/** Where the decider reads the policies in force; the policy watcher swaps the engine on a good reload. */
export interface PolicySource {
  current(): PolicyEngine;
}

/**
 * Conditional access for the sign-in: src/policy decides on the full context, and what the sign-in has done so
 * far is checked against the decision (and against what the RP asked for: step-up).
 */
export function createPolicyAccessDecider(policies: PolicySource, now: () => number): AccessDecider {
  return {
    decide(user: DirectoryUser, tx: SigninTransaction, deviceKnown: boolean): AccessOutcome {
      const at = now();
      const decision = evaluate(policies.current(), {
        user: { id: user.id, login: user.login, groups: user.groups },
        rpId: tx.origin.rpId,
        clientIp: tx.clientIp,
        deviceKnown,
        method: tx.primary ?? 'password',
        client: 'browser',
        requestedContext: tx.request.requestedContext,
        now: new Date(at),
      });
      const satisfaction = isSatisfied(
        decision,
        {
          amr: tx.amr,
          methods: [tx.primary ?? 'password', ...tx.methods],
          phishingResistant: tx.amr.includes('hwk'),
          authTime: (tx.authTime ?? 0) * 1000,
          now: at,
        },
        { freshSince: tx.createdAt },
      );
      return toOutcome(decision, satisfaction);
    },

    permitsPasswordless(user: DirectoryUser, tx: SigninTransaction, deviceKnown: boolean): boolean {
      const at = now();
      const decision = evaluate(policies.current(), {
        user: { id: user.id, login: user.login, groups: user.groups },
        rpId: tx.origin.rpId,
        clientIp: tx.clientIp,
        deviceKnown,
        method: 'passwordless',
        client: 'browser',
        requestedContext: tx.request.requestedContext,
        now: new Date(at),
      });
      // What a push approved with user verification gives: possession (swk), PIN or biometrics, two factors, now.
      const satisfaction = isSatisfied(
        decision,
        { amr: ['swk', 'pin', 'mfa'], methods: ['passwordless', 'push'], phishingResistant: false, authTime: at, now: at },
        { freshSince: tx.createdAt },
      );
      return satisfaction.satisfied;
    },
  };
}

/** Without a policy file: policyDefault decides, and the RP's step-up still applies. */
export function createDefaultAccessDecider(policyDefault: 'allow' | 'block', now: () => number = Date.now): AccessDecider {
  const result = createPolicyEngine('', { locations: {}, policyDefault });
  if (!result.ok) throw new Error('an empty policy file must compile');
  const engine = result.engine;
  return createPolicyAccessDecider({ current: () => engine }, now);
}

function toOutcome(decision: Decision, satisfaction: Satisfaction): AccessOutcome {
  const requested = decision.requestedContext;
  const missing = new Set<string>();
  if (satisfaction.reauthenticate) missing.add('fresh');
  for (const unmet of satisfaction.unmet) {
    for (const item of unmet.missing) missing.add(item === 'methods' ? `method:${unmet.methods.join('|')}` : item);
  }
  const { requirements, session } = decision;
  return {
    decision: satisfaction.blocked ? 'block' : decision.decision === 'allow' && (requested === 'mfa' || requested === 'phr') ? 'require' : decision.decision,
    requirements: {
      mfa: requirements.mfa || requested === 'mfa' || requested === 'phr',
      methods: satisfaction.methods ?? requirements.methods,
      phishingResistant: requirements.phishingResistant || requested === 'phr',
      fresh: requirements.fresh,
    },
    session: {
      ...(session.signInFrequency !== null ? { signInFrequencyMs: session.signInFrequency } : {}),
      ...(session.persistent !== null ? { persistent: session.persistent } : {}),
    },
    missing: [...missing],
    policies: decision.policies.map(({ name, state, effect }) => ({ name, state, effect })),
  };
}
