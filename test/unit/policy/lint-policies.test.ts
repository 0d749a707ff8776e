import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPolicyEngine, lintPolicies, validatePolicies } from '../../../src/policy/index.js';
import { LOCATIONS, OPTIONS } from './policy-test-helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/policies/${name}`, import.meta.url), 'utf8');

function warningsOf(yaml: string) {
  const result = createPolicyEngine(yaml, OPTIONS);
  assert.equal(result.ok, true, JSON.stringify(result.ok ? null : result.problems));
  return result.ok ? result.warnings : [];
}

describe('policy lint', () => {
  it('warns about every policy that can never match, at the key that makes it so', () => {
    const warnings = warningsOf(fixture('never-matches.yaml'));
    assert.deepEqual(
      warnings.map((w) => [w.line, w.path, w.message]),
      [
        [4, 'policies[0].users.include', 'never matches: users include no user and no group'],
        [8, 'policies[1].users.exclude', 'never matches: every included user and group is also excluded'],
        [13, 'policies[2].conditions.locations.exclude', 'never matches: every address of corpnet is also excluded (or the location is empty)'],
        [18, 'policies[3].conditions.locations.exclude', 'never matches: every address of guest is also excluded (or the location is empty)'],
        [23, 'policies[4].conditions.locations.exclude', 'never matches: every location is excluded (exclude: any)'],
        [27, 'policies[5].applications.exclude', 'never matches: every included application is also excluded'],
        [31, 'policies[6].conditions.clients', 'never matches: clients lists nothing'],
      ],
    );
    assert.ok(warnings.every((w) => w.severity === 'warning'));
  });

  it('warns about policies a broader block overrules, above or below them, and about nothing else', () => {
    const warnings = warningsOf(fixture('shadowed.yaml'));
    assert.deepEqual(
      warnings.map((w) => [w.line, w.path, w.message.replace(/, a block.*/, '')]),
      [
        [3, 'policies[0].name', 'shadowed by "Block everyone outside the corporate network" (policies[1])'],
        [16, 'policies[2].name', 'shadowed by "Block everyone outside the corporate network" (policies[1])'],
        [38, 'policies[6].name', 'shadowed by "Block legacy clients" (policies[5])'],
        [43, 'policies[7].name', 'shadowed by "Block legacy clients" (policies[5])'],
      ],
    );
  });

  it('warns about a requirement that asks nothing and about session controls on a block', () => {
    const warnings = warningsOf(`policies:
  - name: Asks nothing
    grant: { require: { mfa: false } }
  - name: Block with a session
    conditions: { clients: [other] }
    grant: { block: true }
    session: { persistent: false }
`);
    assert.deepEqual(warnings.map((w) => [w.path, w.message]), [
      ['policies[0].grant.require', 'requires nothing, so it allows (say grant: { allow: true } if that is meant)'],
      ['policies[1].session', 'session controls have no effect on a blocked sign-in'],
    ]);
  });

  it('gives no warning for a file where every policy can matter', () => {
    assert.deepEqual(warningsOf(fixture('valid-mixed.yaml')), []);
  });

  it('does not call a policy shadowed by a block with a narrower condition', () => {
    assert.deepEqual(warningsOf(`policies:
  - name: MFA everywhere
    grant: { require: { mfa: true } }
  - name: Block at night
    conditions: { time: { from: "22:00", to: "06:00" } }
    grant: { block: true }
`), []);
  });

  it('stays fast on a large file, since blocks are looked up by application', () => {
    const input = {
      policies: Array.from({ length: 3000 }, (_, i) => ({
        name: `p${i}`,
        applications: { include: [`app-${i}`] },
        grant: i % 2 ? { block: true } : { require: { mfa: true } },
      })),
    };
    const { policies, problems } = validatePolicies(input, { locationNames: Object.keys(LOCATIONS) });
    assert.deepEqual(problems, []);
    const started = performance.now();
    assert.deepEqual(lintPolicies(policies, { locations: LOCATIONS }), []);
    assert.ok(performance.now() - started < 2000, 'lint of 3,000 policies took more than 2 s');
  });
});
