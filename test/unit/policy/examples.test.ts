import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createPolicyEngine, evaluate, type Decision, type EvaluationContext } from '../../../src/policy/index.js';
import { context, OPTIONS } from './policy-test-helpers.js';

const DIR = new URL('../../../docs/examples/policies/', import.meta.url);
const options = { ...OPTIONS, relyingParties: ['app', 'hr', 'm365', 'admin'] };

interface Case {
  says: string;
  context?: Partial<EvaluationContext>;
  expect: Partial<Pick<Decision, 'decision' | 'session'>> & { methods?: string[]; phishingResistant?: boolean };
}

const member = (...groups: string[]) => ({ user: { id: 'u-alice', login: 'alice', groups } });
const INSIDE = { clientIp: '10.20.30.40' };

/** Every example in docs/examples/policies, with representative sign-ins. A new example needs an entry here. */
const cases: Record<string, Case[]> = {
  'permit-everyone-and-require-mfa.yaml': [
    { says: 'anyone anywhere needs MFA', context: INSIDE, expect: { decision: 'require' } },
  ],
  'permit-everyone-and-require-mfa-from-extranet.yaml': [
    { says: 'a sign-in from the internet needs MFA', expect: { decision: 'require' } },
    { says: 'a sign-in from corpnet is permitted', context: INSIDE, expect: { decision: 'allow' } },
  ],
  'permit-everyone-and-require-mfa-for-specific-group.yaml': [
    { says: 'a Finance member needs MFA', context: member('Finance'), expect: { decision: 'require' } },
    { says: 'anyone else is permitted', expect: { decision: 'allow' } },
  ],
  'permit-everyone-and-require-mfa-from-unauthenticated-devices.yaml': [
    { says: 'an unknown device needs MFA', expect: { decision: 'require' } },
    { says: 'a known device is permitted', context: { deviceKnown: true }, expect: { decision: 'allow' } },
  ],
  'permit-everyone-for-intranet-usage.yaml': [
    { says: 'a sign-in from corpnet is permitted', context: INSIDE, expect: { decision: 'allow' } },
    { says: 'a sign-in from the internet is refused', expect: { decision: 'block' } },
  ],
  'permit-specific-group.yaml': [
    { says: 'an HR member may use hr', context: { rpId: 'hr', ...member('HR') }, expect: { decision: 'allow' } },
    { says: 'anyone else is refused hr', context: { rpId: 'hr' }, expect: { decision: 'block' } },
    { says: 'other applications are untouched', expect: { decision: 'allow' } },
  ],
  'block-legacy-clients.yaml': [
    { says: 'a legacy client is refused', context: { client: 'other' }, expect: { decision: 'block' } },
    { says: 'an emergency account is not', context: { client: 'other', ...member('BreakGlass') }, expect: { decision: 'allow' } },
    { says: 'a browser is permitted', expect: { decision: 'allow' } },
  ],
  'sign-in-frequency.yaml': [
    { says: 'an unknown device gets an 8-hour, non-persistent session', expect: { decision: 'allow', session: { signInFrequency: 8 * 3_600_000, persistent: false } } },
    { says: 'a known device gets no limit from policy', context: { deviceKnown: true }, expect: { decision: 'allow', session: { signInFrequency: null, persistent: null } } },
  ],
  'require-phishing-resistant-mfa-for-admins.yaml': [
    { says: 'an administrator needs a passkey', context: member('GatehouseAdmins'), expect: { decision: 'require', methods: ['passkey'], phishingResistant: true } },
    { says: 'anyone else is permitted', expect: { decision: 'allow' } },
  ],
  'require-mfa-outside-corporate-network.yaml': [
    { says: 'a password sign-in from the internet on a weekday needs push or TOTP', expect: { decision: 'require', methods: ['push', 'totp'] } },
    { says: 'the same on a Saturday is permitted', context: { now: new Date('2024-05-18T10:00:00Z') }, expect: { decision: 'allow' } },
    { says: 'an emergency account is permitted', context: member('BreakGlass'), expect: { decision: 'allow' } },
    { says: 'the report-only policy for m365 does not change the decision', context: { rpId: 'm365', deviceKnown: true }, expect: { decision: 'allow' } },
  ],
};

describe('policy examples in docs/examples/policies', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

  it('every example has cases here, and every case an example', () => {
    assert.deepEqual(files, Object.keys(cases).sort());
  });

  for (const file of files) {
    describe(file, () => {
      const result = createPolicyEngine(readFileSync(new URL(file, DIR), 'utf8'), options);

      it('loads without errors or warnings', () => {
        assert.deepEqual(result.ok ? result.warnings : result.problems, []);
      });

      for (const c of cases[file] ?? []) {
        it(c.says, () => {
          assert.ok(result.ok);
          const decision = evaluate(result.engine, context(c.context), { explain: true });
          const why = JSON.stringify(decision.policies);
          assert.equal(decision.decision, c.expect.decision, why);
          if (c.expect.session) assert.deepEqual(decision.session, c.expect.session);
          if (c.expect.methods) assert.deepEqual(decision.requirements.methods, c.expect.methods);
          if (c.expect.phishingResistant !== undefined) assert.equal(decision.requirements.phishingResistant, c.expect.phishingResistant);
        });
      }
    });
  }

  it('the report-only example reports its would-be effect', () => {
    const text = readFileSync(new URL('require-mfa-outside-corporate-network.yaml', DIR), 'utf8');
    const result = createPolicyEngine(text, options);
    assert.ok(result.ok);
    const decision = evaluate(result.engine, context({ rpId: 'm365', deviceKnown: true }));
    assert.deepEqual(decision.policies.map((p) => [p.name, p.state, p.effect]), [['Try out MFA for every Microsoft 365 sign-in', 'reportOnly', 'require']]);
  });
});
