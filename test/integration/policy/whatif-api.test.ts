import assert from 'node:assert/strict';
import { ApiTokens } from '../../../src/admin/api-tokens.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

describe('the what-if admin API', () => {
  let gh: RunningGatehouse;
  let token: string;
  let expired: string;
  before(async () => {
    gh = await startGatehouse(
      { locations: { corpnet: ['10.0.0.0/8'] } },
      { policies: 'policies:\n  - name: MFA off corpnet\n    conditions: { locations: { exclude: [corpnet] } }\n    grant: { require: { mfa: true } }\n' },
    );
    await gh.addUser('alice', 'alice password', { groups: ['staff'] });
    const tokens = new ApiTokens(gh.gatehouse.registry.store, gh.gatehouse.registry.clock);
    token = (await tokens.create('ops', 3_600_000)).token;
    expired = (await tokens.create('old', 1)).token;
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
  after(() => gh.stop());

  const whatif = (query: string, auth?: string) =>
    fetch(`${gh.url}/admin/api/policy/whatif?${query}`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });

  it('explains a decision as the contract JSON for a valid token, and audits the call', async () => {
    const response = await whatif('user=alice&rp=app&ip=198.51.100.4', token);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { decision: string; policies: Array<{ name: string; matched: boolean; why: string[] }> };
    assert.equal(body.decision, 'require');
    assert.equal(body.policies[0]!.matched, true);
    assert.ok(body.policies[0]!.why.length > 0);
    assert.ok(gh.auditEvents.some((e) => e.event === 'admin.whatif' && e.uniqueId === 'token:ops'));
  });

  it('refuses a call without a token, with a wrong token, and with an expired token', async () => {
    for (const auth of [undefined, 'gha_000000000000_' + 'A'.repeat(43), token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), expired]) {
      const response = await whatif('user=alice&rp=app&ip=10.0.0.1', auth);
      assert.equal(response.status, 401, String(auth));
      assert.equal(((await response.json()) as { error: string }).error, 'unauthorized');
    }
  });

  it('answers bad parameters with a JSON error naming the parameter', async () => {
    const response = await whatif('user=alice&rp=app', token);
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error_description: string }).error_description, /"ip"/);
    assert.equal((await whatif('user=alice&rp=nope&ip=10.0.0.1', token)).status, 404);
  });
});
