import assert from 'node:assert/strict';
import { createPolicyEngine } from '../../../src/policy/index.js';
import { createPolicyAccessDecider } from '../../../src/signin/access-decider.js';
import type { SigninTransaction } from '../../../src/signin/types.js';

const NOW = Date.UTC(2030, 0, 7, 10);

function decider(yaml: string) {
  const result = createPolicyEngine(yaml, { locations: { corpnet: ['10.0.0.0/8'] }, policyDefault: 'allow' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return createPolicyAccessDecider({ current: () => result.engine }, () => NOW);
}

const user = { id: 'u1', login: 'alice', groups: ['Staff'], attributes: {} };
function tx(extra: Partial<SigninTransaction['request']> = {}, clientIp = '203.0.113.9'): SigninTransaction {
  return {
    id: 'x'.repeat(24),
    state: 'identify',
    createdAt: NOW - 1000,
    expiresAt: NOW + 60_000,
    browserId: 'b',
    csrf: 'c',
    origin: { protocol: 'oidc', rpId: 'app', rpName: 'App', handle: 'h' },
    request: { forceAuthn: false, requestedContext: null, ...extra },
    clientIp,
    amr: [],
    methods: [],
    scratch: {},
  };
}

describe('whether policy permits passwordless sign-in, asked before any push is sent', () => {
  it('permits it with no policy, and when policy asks for MFA, push, or a fresh sign-in (all of which the phone gives)', () => {
    assert.equal(decider('').permitsPasswordless!(user, tx(), false), true);
    for (const grant of ['{ require: { mfa: true } }', '{ require: { methods: [push] } }', '{ require: { fresh: true } }']) {
      assert.equal(decider(`policies:\n  - name: p\n    users: { include: all }\n    grant: ${grant}\n`).permitsPasswordless!(user, tx(), false), true, grant);
    }
  });

  it('refuses it when policy would block a passwordless sign-in here, and only here', () => {
    const d = decider('policies:\n  - name: No phone outside\n    users: { include: all }\n    conditions: { methods: [passwordless], locations: { exclude: [corpnet] } }\n    grant: { block: true }\n');
    assert.equal(d.permitsPasswordless!(user, tx(), false), false);
    assert.equal(d.permitsPasswordless!(user, tx({}, '10.1.1.1'), false), true, 'inside corpnet the block does not apply');
  });

  it('refuses it when policy asks for what a push cannot give: phishing resistance or another method', () => {
    for (const grant of ['{ require: { mfa: true, phishingResistant: true } }', '{ require: { methods: [totp] } }']) {
      assert.equal(decider(`policies:\n  - name: p\n    users: { include: all }\n    grant: ${grant}\n`).permitsPasswordless!(user, tx(), false), false, grant);
    }
  });

  it('refuses it when the relying party asks for phishing-resistant authentication, permits it when it asks for MFA', () => {
    assert.equal(decider('').permitsPasswordless!(user, tx({ requestedContext: 'phr' }), false), false);
    assert.equal(decider('').permitsPasswordless!(user, tx({ requestedContext: 'mfa' }), false), true);
  });

  it('judges reportOnly policies as never enforced', () => {
    const d = decider('policies:\n  - name: Trial block\n    state: reportOnly\n    users: { include: all }\n    conditions: { methods: [passwordless] }\n    grant: { block: true }\n');
    assert.equal(d.permitsPasswordless!(user, tx(), false), true);
  });
});
