import { createPolicyEngine, formatPolicyProblem, type EvaluationContext, type PolicyEngine, type PolicyEngineOptions } from '../../../src/policy/index.js';

export const LOCATIONS = {
  corpnet: ['10.0.0.0/8', '2001:db8:100::/48'],
  vpn: ['172.16.0.0/12'],
  guest: ['10.99.0.0/16'],
};

export const OPTIONS: PolicyEngineOptions = { locations: LOCATIONS, policyDefault: 'allow', relyingParties: ['app', 'hr', 'm365'] };

/** An engine from YAML text; fails the test with every problem when the text does not load. */
export function engineFrom(yaml: string, options: Partial<PolicyEngineOptions> = {}): PolicyEngine {
  const result = createPolicyEngine(yaml, { ...OPTIONS, ...options });
  if (!result.ok) throw new Error(`policies do not load:\n${result.problems.map((p) => formatPolicyProblem(p)).join('\n')}`);
  return result.engine;
}

/** A sign-in by alice (group Staff) to `app` from outside, unknown device, password, browser, Tuesday 10:00 UTC. */
export function context(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    user: { id: 'u-alice', login: 'alice', groups: ['Staff'] },
    rpId: 'app',
    clientIp: '203.0.113.9',
    deviceKnown: false,
    method: 'password',
    client: 'browser',
    requestedContext: null,
    now: new Date('2024-05-14T10:00:00Z'),
    ...overrides,
  };
}

/** One policy as YAML, for tables: `body` is the policy's keys after name (indented by the caller's template). */
export function onePolicy(body: string, name = 'P'): string {
  return `policies:\n  - name: ${name}\n${body
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n`;
}
