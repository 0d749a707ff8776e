import assert from 'node:assert/strict';
import { evaluate, toExplanation, whatIf } from '../../../src/policy/index.js';
import { context, engineFrom } from './policy-test-helpers.js';

const MFA_OUTSIDE = `
  - name: MFA outside
    conditions: { locations: { exclude: [corpnet] } }
    grant: { require: { mfa: true } }`;
const PUSH_FOR_STAFF = `
  - name: Push for staff
    users: { include: { groups: [Staff] } }
    grant: { require: { methods: [push, totp] } }
    session: { signInFrequency: 8h, persistent: true }`;
const PHR_FOR_HR = `
  - name: Phishing-resistant for HR
    applications: { include: [hr] }
    grant: { require: { mfa: true, methods: [passkey], phishingResistant: true, fresh: true } }
    session: { signInFrequency: 1h, persistent: false }`;
const BLOCK_LEGACY = `
  - name: Block legacy
    conditions: { clients: [other] }
    grant: { block: true }`;
const ALLOW_INTRANET = `
  - name: Permit intranet
    conditions: { locations: { include: [corpnet] } }
    grant: { allow: true }`;

const file = (...policies: string[]) => `policies:${policies.join('')}\n`;

describe('policy decisions', () => {
  it('no policy matching falls back to policyDefault allow', () => {
    const decision = evaluate(engineFrom(file(BLOCK_LEGACY)), context());
    assert.equal(decision.decision, 'allow');
    assert.equal(decision.defaulted, true);
    assert.deepEqual(decision.policies, []);
  });

  it('no policy matching falls back to policyDefault block', () => {
    const decision = evaluate(engineFrom(file(BLOCK_LEGACY), { policyDefault: 'block' }), context());
    assert.equal(decision.decision, 'block');
    assert.equal(decision.defaulted, true);
  });

  it('an empty policy file leaves every decision to policyDefault', () => {
    assert.equal(evaluate(engineFrom(''), context()).decision, 'allow');
    assert.equal(evaluate(engineFrom('policies: []', { policyDefault: 'block' }), context()).decision, 'block');
  });

  it('a matching allow policy permits even when policyDefault is block', () => {
    const decision = evaluate(engineFrom(file(ALLOW_INTRANET), { policyDefault: 'block' }), context({ clientIp: '10.0.0.1' }));
    assert.equal(decision.decision, 'allow');
    assert.equal(decision.defaulted, false);
    assert.deepEqual(decision.policies.map((p) => [p.name, p.effect]), [['Permit intranet', 'none']]);
  });

  it('one matching requirement gives require with that requirement set', () => {
    const decision = evaluate(engineFrom(file(MFA_OUTSIDE)), context());
    assert.equal(decision.decision, 'require');
    assert.deepEqual(decision.requirements, { mfa: true, methods: [], phishingResistant: false, fresh: false });
    assert.deepEqual(decision.requirementSets, [{ policy: 'MFA outside', mfa: true, methods: [], phishingResistant: false, fresh: false }]);
  });

  it('a block wins over every requirement, wherever it stands in the file', () => {
    const decision = evaluate(engineFrom(file(MFA_OUTSIDE, PUSH_FOR_STAFF, BLOCK_LEGACY)), context({ client: 'other' }));
    assert.equal(decision.decision, 'block');
    assert.deepEqual(decision.requirementSets, []);
    assert.deepEqual(decision.policies.map((p) => p.effect), ['require', 'require', 'block']);
  });

  it('several matching policies each keep their own requirement set, with a merged summary', () => {
    const decision = evaluate(engineFrom(file(MFA_OUTSIDE, PUSH_FOR_STAFF, PHR_FOR_HR)), context({ rpId: 'hr' }));
    assert.equal(decision.decision, 'require');
    assert.deepEqual(decision.requirementSets.map((s) => s.policy), ['MFA outside', 'Push for staff', 'Phishing-resistant for HR']);
    // push/totp and passkey have nothing in common: more than one method will be needed, so the summary lists all.
    assert.deepEqual(decision.requirements, { mfa: true, methods: ['push', 'totp', 'passkey'], phishingResistant: true, fresh: true });
  });

  it('the merged methods are those that meet every set at once when there are some', () => {
    const engine = engineFrom(file(PUSH_FOR_STAFF, `
  - name: Totp or passkey
    grant: { require: { methods: [passkey, totp] } }`));
    assert.deepEqual(evaluate(engine, context()).requirements.methods, ['totp']);
  });

  it('session controls merge to the strictest: shortest frequency, not persistent if any says so', () => {
    const decision = evaluate(engineFrom(file(PUSH_FOR_STAFF, PHR_FOR_HR)), context({ rpId: 'hr' }));
    assert.deepEqual(decision.session, { signInFrequency: 3_600_000, persistent: false });
  });

  it('session controls of a policy that matches without requirements still apply', () => {
    const engine = engineFrom(file(`
  - name: Eight hours
    session: { signInFrequency: 8h }`));
    const decision = evaluate(engine, context());
    assert.equal(decision.decision, 'allow');
    assert.deepEqual(decision.session, { signInFrequency: 8 * 3_600_000, persistent: null });
  });

  it('a report-only policy is evaluated and reported with its would-be effect, never enforced', () => {
    const engine = engineFrom(file(BLOCK_LEGACY.replace('grant:', 'state: reportOnly\n    grant:'), MFA_OUTSIDE.replace('grant:', 'state: reportOnly\n    grant:')));
    const decision = evaluate(engine, context({ client: 'other' }));
    assert.equal(decision.decision, 'allow');
    assert.equal(decision.defaulted, true);
    assert.deepEqual(decision.requirementSets, []);
    assert.deepEqual(
      decision.policies.map((p) => [p.name, p.state, p.matched, p.effect]),
      [['Block legacy', 'reportOnly', true, 'block'], ['MFA outside', 'reportOnly', true, 'require']],
    );
  });

  it('a report-only policy that does not match is listed only when explaining', () => {
    const engine = engineFrom(file(BLOCK_LEGACY.replace('grant:', 'state: reportOnly\n    grant:')));
    assert.deepEqual(evaluate(engine, context()).policies, []);
    assert.deepEqual(evaluate(engine, context(), { explain: true }).policies.map((p) => [p.matched, p.effect]), [[false, 'none']]);
  });

  it('a disabled policy is ignored and listed as not evaluated when explaining', () => {
    const engine = engineFrom(file(BLOCK_LEGACY.replace('grant:', 'state: disabled\n    grant:')));
    const plain = evaluate(engine, context({ client: 'other' }));
    assert.equal(plain.decision, 'allow');
    assert.deepEqual(plain.policies, []);
    const explained = whatIf(engine, context({ client: 'other' }));
    assert.deepEqual(explained.policies, [{ name: 'Block legacy', state: 'disabled', matched: false, why: ['the policy is disabled (not evaluated)'], effect: 'none' }]);
  });

  it('a require policy asking for nothing has no effect and adds no requirement set', () => {
    const engine = engineFrom(file(`
  - name: Nothing
    grant: { require: { mfa: false } }`));
    const decision = evaluate(engine, context());
    assert.equal(decision.decision, 'allow');
    assert.equal(decision.policies[0]?.effect, 'none');
  });

  it('policies for other applications are not looked at, nor listed, without allPolicies', () => {
    const engine = engineFrom(file(PHR_FOR_HR, MFA_OUTSIDE));
    assert.deepEqual(evaluate(engine, context(), { explain: true }).policies.map((p) => p.name), ['MFA outside']);
    assert.deepEqual(whatIf(engine, context()).policies.map((p) => [p.name, p.matched]), [['Phishing-resistant for HR', false], ['MFA outside', true]]);
    assert.deepEqual(whatIf(engine, context(), { allPolicies: false }).policies.map((p) => p.name), ['MFA outside']);
  });

  it('policies keep file order in the decision whether they name the application or include all', () => {
    const engine = engineFrom(file(MFA_OUTSIDE, PHR_FOR_HR, PUSH_FOR_STAFF, BLOCK_LEGACY));
    const names = whatIf(engine, context({ rpId: 'hr' }), { allPolicies: false }).policies.map((p) => p.name);
    assert.deepEqual(names, ['MFA outside', 'Phishing-resistant for HR', 'Push for staff', 'Block legacy']);
  });

  it('an include-all policy excluding the application is listed as excluded when explaining', () => {
    const engine = engineFrom(file(MFA_OUTSIDE.replace('conditions:', 'applications: { include: all, exclude: [app] }\n    conditions:')));
    assert.equal(evaluate(engine, context()).decision, 'allow');
    const [outcome] = evaluate(engine, context(), { explain: true }).policies;
    assert.deepEqual(outcome?.why, ['application app is excluded']);
  });

  it('the explanation JSON has exactly the keys of DESIGN.md', () => {
    const explanation = toExplanation(whatIf(engineFrom(file(MFA_OUTSIDE)), context()));
    assert.deepEqual(Object.keys(explanation), ['decision', 'requirements', 'session', 'policies']);
    assert.deepEqual(Object.keys(explanation.policies[0]!), ['name', 'state', 'matched', 'why', 'effect']);
    assert.deepEqual(JSON.parse(JSON.stringify(explanation)), explanation);
  });

  it('decisions carry the requested context for isSatisfied', () => {
    assert.equal(evaluate(engineFrom(''), context({ requestedContext: 'mfa' })).requestedContext, 'mfa');
  });

  it('requirement sets handed out cannot be changed by their receiver', () => {
    const engine = engineFrom(file(PUSH_FOR_STAFF));
    const first = evaluate(engine, context());
    assert.throws(() => (first.requirementSets[0]!.methods as string[]).push('sms'));
    assert.deepEqual(evaluate(engine, context()).requirementSets[0]!.methods, ['push', 'totp']);
  });
});
