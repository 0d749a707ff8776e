import assert from 'node:assert/strict';
import { evaluate, isSatisfied, type CompletedAuthentication, type Decision } from '../../../src/policy/index.js';
import { context, engineFrom } from './policy-test-helpers.js';

const NOW = new Date('2024-05-14T10:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const PASSWORD: CompletedAuthentication = { amr: ['pwd'], methods: ['password'], phishingResistant: false, authTime: NOW, now: NOW };
const PUSH: CompletedAuthentication = { ...PASSWORD, amr: ['pwd', 'swk', 'mfa'], methods: ['password', 'push'] };
const PASSKEY: CompletedAuthentication = { ...PASSWORD, amr: ['hwk', 'mfa'], methods: ['passkey'], phishingResistant: true };

function decide(policies: string, overrides: Parameters<typeof context>[0] = {}): Decision {
  return evaluate(engineFrom(`policies:\n${policies}`), context(overrides));
}

const MFA = '  - name: MFA\n    grant: { require: { mfa: true } }\n';
const PUSH_OR_TOTP = '  - name: Push or TOTP\n    grant: { require: { methods: [push, totp] } }\n';
const PASSKEY_ONLY = '  - name: Passkey\n    grant: { require: { methods: [passkey] } }\n';
const PHR = '  - name: Phishing-resistant\n    grant: { require: { mfa: true, phishingResistant: true } }\n';
const FRESH = '  - name: Fresh\n    grant: { require: { fresh: true } }\n';
const FREQUENCY = '  - name: Hourly\n    session: { signInFrequency: 1h }\n';

describe('isSatisfied', () => {
  it('an allow decision is met by a password', () => {
    assert.deepEqual(isSatisfied(decide(''), PASSWORD), { satisfied: true, blocked: false, reauthenticate: false, unmet: [], methods: null });
  });

  it('a block is never met, whatever was done', () => {
    const result = isSatisfied(decide('  - name: B\n    grant: { block: true }\n'), PASSKEY);
    assert.equal(result.satisfied, false);
    assert.equal(result.blocked, true);
  });

  it('mfa needs a second factor and any MFA method will do', () => {
    const decision = decide(MFA);
    const before = isSatisfied(decision, PASSWORD);
    assert.deepEqual(before.unmet, [{ source: 'MFA', kind: 'policy', missing: ['mfa'], methods: [] }]);
    assert.equal(before.methods, null);
    assert.equal(isSatisfied(decision, PUSH).satisfied, true);
  });

  it('methods need one of the listed methods, and say which to offer', () => {
    const decision = decide(PUSH_OR_TOTP);
    assert.deepEqual(isSatisfied(decision, PASSWORD).methods, ['push', 'totp']);
    assert.equal(isSatisfied(decision, PUSH).satisfied, true);
    assert.equal(isSatisfied(decision, PASSKEY).satisfied, false);
  });

  it('each requirement set must be met on its own', () => {
    const decision = decide(PUSH_OR_TOTP + PASSKEY_ONLY);
    const afterPush = isSatisfied(decision, PUSH);
    assert.deepEqual(afterPush.unmet.map((u) => u.source), ['Passkey']);
    assert.deepEqual(afterPush.methods, ['passkey']);
    const both = { ...PUSH, methods: ['password', 'push', 'passkey'] };
    assert.equal(isSatisfied(decision, both).satisfied, true);
  });

  it('offers the union of methods when no single method meets every unmet set', () => {
    assert.deepEqual(isSatisfied(decide(PUSH_OR_TOTP + PASSKEY_ONLY), PASSWORD).methods, ['push', 'totp', 'passkey']);
  });

  it('phishing-resistant needs a phishing-resistant method', () => {
    const decision = decide(PHR);
    assert.deepEqual(isSatisfied(decision, PUSH).unmet[0]!.missing, ['phishingResistant']);
    assert.equal(isSatisfied(decision, PASSKEY).satisfied, true);
  });

  it('fresh needs a recent primary authentication, else reauthentication', () => {
    const decision = decide(FRESH);
    assert.equal(isSatisfied(decision, { ...PASSWORD, authTime: minutesAgo(2) }).satisfied, true);
    const stale = isSatisfied(decision, { ...PASSWORD, authTime: minutesAgo(30) });
    assert.equal(stale.reauthenticate, true);
    assert.deepEqual(stale.unmet[0]!.missing, ['fresh']);
    assert.equal(isSatisfied(decision, { ...PASSWORD, authTime: minutesAgo(30) }, { freshWithinMs: 60 * 60_000 }).satisfied, true);
  });

  it('fresh can mean primary authentication during this transaction', () => {
    const decision = decide(FRESH);
    const started = minutesAgo(10);
    assert.equal(isSatisfied(decision, { ...PASSWORD, authTime: minutesAgo(9) }, { freshSince: started }).satisfied, true);
    assert.equal(isSatisfied(decision, { ...PASSWORD, authTime: minutesAgo(11) }, { freshSince: started }).reauthenticate, true);
  });

  it('a sign-in frequency that has elapsed asks for reauthentication', () => {
    const decision = decide(FREQUENCY);
    assert.equal(isSatisfied(decision, { ...PUSH, authTime: minutesAgo(59) }).satisfied, true);
    const late = isSatisfied(decision, { ...PUSH, authTime: minutesAgo(61) });
    assert.equal(late.satisfied, false);
    assert.equal(late.reauthenticate, true);
    assert.deepEqual(late.unmet, []);
  });

  it('an application asking for mfa gets it even where policy asks nothing (step-up)', () => {
    const decision = decide('', { requestedContext: 'mfa' });
    assert.equal(decision.decision, 'allow');
    assert.deepEqual(isSatisfied(decision, PASSWORD).unmet, [{ source: 'mfa', kind: 'request', missing: ['mfa'], methods: [] }]);
    assert.equal(isSatisfied(decision, PUSH).satisfied, true);
  });

  it('an application asking for phr needs phishing-resistant MFA', () => {
    const decision = decide('', { requestedContext: 'phr' });
    assert.deepEqual(isSatisfied(decision, PUSH).unmet[0]!.missing, ['phishingResistant']);
    assert.equal(isSatisfied(decision, PASSKEY).satisfied, true);
  });

  it('accepts times as milliseconds', () => {
    const result = isSatisfied(decide(FREQUENCY), { ...PUSH, authTime: minutesAgo(61).getTime(), now: NOW.getTime() });
    assert.equal(result.reauthenticate, true);
  });
});
