import assert from 'node:assert/strict';
import { evaluate, whatIf } from '../../../src/policy/index.js';
import { context, engineFrom, onePolicy } from './policy-test-helpers.js';

function why(policy: string, overrides: Parameters<typeof context>[0] = {}): string[] {
  const decision = whatIf(engineFrom(onePolicy(`${policy}\ngrant: { block: true }`)), context(overrides));
  return decision.policies[0]!.why;
}

describe('policy explanations', () => {
  it('say which excluded group kept a user out', () => {
    const sentences = why('users: { include: all, exclude: { groups: [BreakGlass] } }', { user: { id: 'u1', login: 'alice', groups: ['Staff', 'BreakGlass'] } });
    assert.deepEqual(sentences, ['application app is included (all applications)', 'all users are included', 'user alice is in group BreakGlass (excluded)']);
  });

  it('say which included group let a user in, as the directory spells it', () => {
    assert.ok(why('users: { include: { groups: [staff] } }').includes('user alice is in group Staff (included)'));
  });

  it('say when a user is neither named nor in an included group', () => {
    assert.ok(why('users: { include: { users: [bob], groups: [Finance] } }').includes('user alice is neither named nor in a group in include'));
  });

  it('say which excluded location the client IP is in', () => {
    assert.ok(why('conditions: { locations: { exclude: [corpnet] } }', { clientIp: '10.1.2.3' }).includes('client IP 10.1.2.3 is in corpnet (excluded)'));
  });

  it('say that the client IP is in none of the excluded locations', () => {
    assert.ok(why('conditions: { locations: { exclude: [corpnet, vpn] } }').includes('client IP 203.0.113.9 is not in corpnet or vpn (excluded)'));
  });

  it('say which included location the client IP is in', () => {
    assert.ok(why('conditions: { locations: { include: [vpn, corpnet] } }', { clientIp: '2001:db8:100::1' }).includes('client IP 2001:db8:100::1 is in corpnet (included)'));
  });

  it('say when the client IP is not an address', () => {
    assert.ok(why('conditions: { locations: { exclude: [corpnet] } }', { clientIp: 'junk' }).includes('client IP "junk" is not a valid address, so it is in no named location'));
  });

  it('describe devices, methods, clients and the requested context', () => {
    const sentences = why('conditions: { devices: { known: true }, methods: [passwordless], clients: [other], requestedContext: [mfa, phr] }');
    assert.deepEqual(sentences.slice(1), [
      'the device is unknown (the policy applies to known devices)',
      'primary method password, not one of: passwordless',
      'client type browser, not one of: other',
      'the application asked for nothing, not one of: mfa, phr',
    ]);
  });

  it('describe the local time against the window', () => {
    const sentences = why('conditions: { time: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00", zone: Europe/Stockholm } }');
    assert.ok(sentences.includes('tue 12:00 Europe/Stockholm is within mon-fri 08:00-18:00 Europe/Stockholm'), sentences.join('; '));
  });

  it('give every reason a policy did not match, not only the first', () => {
    const sentences = why('conditions: { devices: { known: true }, clients: [other] }');
    assert.equal(sentences.length, 3);
  });

  it('say that a report-only policy is not enforced', () => {
    const decision = whatIf(engineFrom(onePolicy('state: reportOnly\ngrant: { block: true }')), context());
    assert.equal(decision.policies[0]!.why.at(-1), 'report-only: evaluated, not enforced');
  });

  it('say that a policy for another application does not include it, and nothing more', () => {
    assert.deepEqual(why('applications: { include: [hr] }\nconditions: { clients: [other] }'), ['application app is not included']);
  });

  it('are not computed on the fast path', () => {
    const decision = evaluate(engineFrom(onePolicy('grant: { block: true }')), context());
    assert.deepEqual(decision.policies, [{ name: 'P', state: 'enabled', matched: true, why: [], effect: 'block' }]);
  });
});
