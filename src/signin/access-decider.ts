import type { DirectoryUser } from '../directory/types.js';
import type { AccessDecider } from './deps.js';
import type { AccessOutcome, SigninTransaction } from './types.js';

/** Until policies are configured: the configured default, plus whatever the RP itself asked for (step-up). */
export function createDefaultAccessDecider(policyDefault: 'allow' | 'block'): AccessDecider {
  return {
    decide(_user: DirectoryUser, tx: SigninTransaction): AccessOutcome {
      const requested = tx.request.requestedContext;
      const requirements = { mfa: requested === 'mfa' || requested === 'phr', methods: [], phishingResistant: requested === 'phr', fresh: false };
      const decision = policyDefault === 'block' ? 'block' : requirements.mfa ? 'require' : 'allow';
      return { decision, requirements, session: {}, missing: missingRequirements(requirements, tx) };
    },
  };
}

/** What a sign-in has not yet done of the given requirements: mfa, a named method, phishing resistance, fresh. */
export function missingRequirements(requirements: AccessOutcome['requirements'], tx: SigninTransaction): string[] {
  const missing: string[] = [];
  const secondFactor = tx.methods.length > 0 || tx.amr.includes('mfa');
  if (requirements.mfa && !secondFactor) missing.push('mfa');
  if (requirements.methods.length > 0 && !requirements.methods.some((m) => tx.methods.includes(m))) missing.push(`method:${requirements.methods.join('|')}`);
  if (requirements.phishingResistant && !tx.amr.includes('hwk')) missing.push('phishingResistant');
  if (requirements.fresh && (tx.authTime ?? 0) * 1000 < tx.createdAt - 1000) missing.push('fresh');
  return missing;
}
