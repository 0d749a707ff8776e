import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPolicyEngine, formatPolicyProblem, type PolicyProblem } from '../../../src/policy/index.js';
import { OPTIONS, onePolicy } from './policy-test-helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/policies/${name}`, import.meta.url), 'utf8');

function problemsOf(yaml: string, options = OPTIONS): PolicyProblem[] {
  const result = createPolicyEngine(yaml, options);
  return result.ok ? result.warnings : result.problems;
}

describe('policy validation', () => {
  it('reports every problem of a file at once, each with its line, column and key path', () => {
    const result = createPolicyEngine(fixture('every-problem-at-once.yaml'), OPTIONS);
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.problems;
    assert.deepEqual(
      problems.map((p) => [p.severity, p.line, p.column, p.path]),
      [
        ['error', 5, 7, 'policies[0].conditions.location'],
        ['error', 10, 39, 'policies[1].conditions.locations.exclude[1]'],
        ['error', 15, 27, 'policies[2].conditions.methods[1]'],
        ['error', 19, 52, 'policies[3].grant.require.methods[1]'],
        ['warning', 22, 36, 'policies[4].applications.include[1]'],
        ['error', 26, 12, 'policies[5].grant'],
        ['error', 30, 27, 'policies[6].conditions.time.days[1]'],
        ['error', 30, 42, 'policies[6].conditions.time.from'],
        ['error', 30, 68, 'policies[6].conditions.time.zone'],
        ['error', 34, 12, 'policies[7].state'],
        ['error', 35, 33, 'policies[7].session.signInFrequency'],
        ['error', 35, 39, 'policies[7].session.persistant'],
        ['error', 38, 11, 'policies[8].name'],
      ],
    );
    const messages = problems.map((p) => p.message);
    assert.match(messages[0]!, /unknown condition "location" \(did you mean "locations"\?\)/);
    assert.match(messages[1]!, /unknown location "hq"/);
    assert.match(messages[2]!, /unknown method "sms"/);
    assert.match(messages[3]!, /unknown method "carrier-pigeon"/);
    assert.match(messages[4]!, /no relying party has id "payroll"/);
    assert.match(messages[5]!, /contradictory grant: block together with require/);
    assert.match(messages[7]!, /bad time window/);
    assert.match(messages[8]!, /unknown time zone "Europe\/Atlantis"/);
    assert.match(messages[12]!, /already the name of policies\[1\]/);
  });

  it('formats a problem as one line with file, line and column', () => {
    const [problem] = problemsOf(onePolicy('conditions: { clients: [fax] }'));
    assert.equal(formatPolicyProblem(problem!, 'policies.yaml'), 'policies.yaml:3:29: error: policies[0].conditions.clients[0]: unknown client type "fax" (one of browser, other)');
  });

  it('loads a file that uses every feature without a problem', () => {
    const result = createPolicyEngine(fixture('valid-mixed.yaml'), OPTIONS);
    assert.equal(result.ok, true, JSON.stringify(result.ok ? result.warnings : result.problems));
    if (result.ok) {
      assert.deepEqual(result.warnings, []);
      assert.equal(result.engine.policies.length, 5);
    }
  });

  const rows: Array<{ says: string; yaml: string; path: string; line: number | null; message: RegExp; severity?: 'error' | 'warning' }> = [
    { says: 'YAML syntax errors come with their line', yaml: 'policies:\n  - name: a\n    grant: { block: true }}\n', path: '', line: 3, message: /not valid YAML/ },
    { says: 'a duplicated key is a YAML error', yaml: 'policies:\n  - name: a\n    name: b\n', path: '', line: 3, message: /not valid YAML: Map keys must be unique/ },
    { says: 'the file must be a mapping', yaml: '- name: a\n', path: '', line: 1, message: /must be a mapping of policies/ },
    { says: 'an unknown top-level key is an error', yaml: 'policy: []\n', path: 'policy', line: 1, message: /unknown key "policy"/ },
    { says: 'policies must be a list', yaml: 'policies: { name: a }\n', path: 'policies', line: 1, message: /must be a list of policies/ },
    { says: 'every policy needs a name', yaml: 'policies:\n  - grant: { block: true }\n', path: 'policies[0]', line: 2, message: /needs a name/ },
    { says: 'a grant must say what it grants', yaml: onePolicy('grant: {}'), path: 'policies[0].grant', line: 3, message: /needs one of block: true/ },
    { says: 'block must be true', yaml: onePolicy('grant: { block: false }'), path: 'policies[0].grant.block', line: 3, message: /must be true/ },
    { says: 'allow together with require is contradictory', yaml: onePolicy('grant: { allow: true, require: { mfa: true } }'), path: 'policies[0].grant', line: 3, message: /contradictory grant: require together with allow/ },
    { says: 'locations must be a mapping, not a list', yaml: onePolicy('conditions: { locations: [corpnet] }'), path: 'policies[0].conditions.locations', line: 3, message: /must be a mapping: locations: \{ include/ },
    { says: 'locations need include or exclude', yaml: onePolicy('conditions: { locations: {} }'), path: 'policies[0].conditions.locations', line: 3, message: /needs include or exclude/ },
    { says: 'devices need known', yaml: onePolicy('conditions: { devices: {} }'), path: 'policies[0].conditions.devices', line: 3, message: /needs known: true or known: false/ },
    { says: 'devices known must be a boolean', yaml: onePolicy('conditions: { devices: { known: yes } }'), path: 'policies[0].conditions.devices.known', line: 3, message: /must be true or false/ },
    { says: 'a time window needs both from and to', yaml: onePolicy('conditions: { time: { from: "08:00" } }'), path: 'policies[0].conditions.time.from', line: 3, message: /give both from and to/ },
    { says: 'a time window from and to must differ', yaml: onePolicy('conditions: { time: { from: "08:00", to: "08:00" } }'), path: 'policies[0].conditions.time.to', line: 3, message: /the window is empty/ },
    { says: 'a time must be HH:MM', yaml: onePolicy('conditions: { time: { from: "08:00", to: "25:00" } }'), path: 'policies[0].conditions.time.to', line: 3, message: /bad time window: to must be a time/ },
    { says: 'sign-in frequency must be a positive duration', yaml: onePolicy('session: { signInFrequency: 0 }'), path: 'policies[0].session.signInFrequency', line: 3, message: /must be a duration/ },
    { says: 'users include must be all or a mapping', yaml: onePolicy('users: { include: everyone }'), path: 'policies[0].users.include', line: 3, message: /must be all, or a mapping of users and groups/ },
    { says: 'user selectors take only users and groups', yaml: onePolicy('users: { exclude: { group: [x] } }'), path: 'policies[0].users.exclude.group', line: 3, message: /unknown key "group" \(did you mean "groups"\?\)/ },
    { says: 'names must be non-empty strings', yaml: onePolicy('users: { include: { users: [alice, ""] } }'), path: 'policies[0].users.include.users[1]', line: 3, message: /must be a name/ },
    { says: 'an unknown policy key is an error', yaml: onePolicy('condition: {}'), path: 'policies[0].condition', line: 3, message: /unknown key "condition" \(did you mean "conditions"\?\)/ },
    { says: 'an unknown relying party is only a warning', yaml: onePolicy('applications: { include: [ap] }'), path: 'policies[0].applications.include[0]', line: 3, message: /no relying party has id "ap" \(yet\) \(did you mean "app"\?\)/, severity: 'warning' },
    { says: 'an unknown requested context is an error', yaml: onePolicy('conditions: { requestedContext: [loa3] }'), path: 'policies[0].conditions.requestedContext[0]', line: 3, message: /unknown context "loa3"/ },
  ];
  for (const row of rows) {
    it(row.says, () => {
      const problems = problemsOf(row.yaml);
      const problem = problems.find((p) => p.path === row.path);
      assert.ok(problem, `no problem at ${row.path}: ${JSON.stringify(problems)}`);
      assert.equal(problem.line, row.line);
      assert.equal(problem.severity, row.severity ?? 'error');
      assert.match(problem.message, row.message);
    });
  }

  it('lets shared pieces live under top-level x- keys and be merged with <<', () => {
    const yaml = `x-outside: &outside { locations: { exclude: [corpnet] } }
policies:
  - name: Block legacy outside
    conditions: { <<: *outside, clients: [other] }
    grant: { block: true }
`;
    const result = createPolicyEngine(yaml, OPTIONS);
    assert.equal(result.ok, true);
    assert.deepEqual(result.ok && result.engine.policies[0]!.conditions, { locations: { include: ['any'], exclude: ['corpnet'] }, clients: ['other'] });
  });

  it('takes numbers as names, for numeric logins and groups', () => {
    assert.deepEqual(problemsOf(onePolicy('users: { include: { users: [1234], groups: [42] } }\ngrant: { block: true }')), []);
  });

  it('does not check relying-party ids when none are given', () => {
    assert.deepEqual(problemsOf(onePolicy('applications: { include: [anything] }'), { ...OPTIONS, relyingParties: undefined }), []);
  });

  it('checks MFA methods against the list the caller gives', () => {
    const options = { ...OPTIONS, methods: ['push', 'sms-gateway'] };
    assert.deepEqual(problemsOf(onePolicy('grant: { require: { methods: [sms-gateway] } }'), options), []);
    assert.match(problemsOf(onePolicy('grant: { require: { methods: [totp] } }'), options)[0]!.message, /unknown method "totp" \(known: push, sms-gateway\)/);
  });

  it('reports config locations that are not addresses, without a line', () => {
    const problems = problemsOf('', { ...OPTIONS, locations: { corpnet: ['10.0.0.0/8', '10.0.0.0/33', 'intranet'] } });
    assert.deepEqual(problems.map((p) => [p.path, p.line, p.severity]), [['locations.corpnet[1]', null, 'error'], ['locations.corpnet[2]', null, 'error']]);
  });

  it('warns that a config location named any cannot be used', () => {
    const result = createPolicyEngine('', { ...OPTIONS, locations: { any: ['10.0.0.0/8'] } });
    assert.equal(result.ok, true);
    assert.match(result.ok ? result.warnings[0]!.message : '', /policies read "any" as every address/);
  });
});
