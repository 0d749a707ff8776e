import assert from 'node:assert/strict';
import type { AuditEvent } from '../../../src/audit/index.js';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { enrollTotp, generateRecoveryCodes, signInAnotherWay, submitCode } from '../mfa/mfa-flows.js';
import { ADMIN_PASSWORD, signInToAdmin } from '../admin/admin-flows.js';
import { FormBrowser } from '../../helpers/form-browser.js';

const PASSWORD = 'correct horse battery';
const MFA = { acr_values: 'urn:gatehouse:acr:mfa' };
const POLICIES = `policies:
  - name: Block contractors from the app
    users: { include: { groups: [contractors] } }
    applications: { include: [app] }
    grant: { block: true }
`;
/** The fields of docs/events.md; nothing else may appear in an event. */
const CONTRACT = new Set(['time', 'event', 'transactionId', 'uniqueId', 'firstName', 'lastName', 'email', 'deviceId', 'authMode', 'result', 'reason', 'rp', 'serverName', 'serverIp', 'clientIp', 'policies', 'actor']);
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

/** The events of the one sign-in transaction among `events` (they must all belong to one). */
function oneTransaction(events: AuditEvent[]): AuditEvent[] {
  const ids = new Set(events.filter((e) => e.transactionId).map((e) => e.transactionId));
  assert.equal(ids.size, 1, `expected one transaction, got ${[...ids].join(', ')}`);
  return events.filter((e) => e.transactionId);
}

const summary = (events: AuditEvent[]) => events.map((e) => [e.event, e.result, e.authMode, e.reason ?? ''].join(' ').trim());

describe('the audit trail of each sign-in path', () => {
  let gh: RunningGatehouse;
  let clock: FakeClock;
  let aliceKey: string;
  let rootKey: string;
  let mark = 0;
  const since = () => gh.auditEvents.slice(mark);

  before(async function () {
    this.timeout(120_000);
    clock = createFakeClock(Date.now());
    gh = await startGatehouse({}, { clock, policies: POLICIES });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson', email: 'alice@example.org' });
    await gh.addUser('carl', PASSWORD, { groups: ['contractors'] });
    await gh.addUser('root', ADMIN_PASSWORD, { groups: ['GatehouseAdmins'] });
    aliceKey = await enrollTotp(gh, 'alice', clock);
    rootKey = await enrollTotp(gh, 'root', clock);
  });
  after(() => gh.stop());
  beforeEach(() => {
    clock.advance(30_000);
    mark = gh.auditEvents.length;
  });

  it('records one event per step of a password sign-in, each with the contract fields', async () => {
    const start = await startAuthorization(await discoverClient(gh.url));
    assert.ok(isCallback((await signInWithPassword(appBrowser(), start, 'alice', PASSWORD)).url));
    const events = oneTransaction(since());
    assert.deepEqual(summary(events), [
      'signin.started info password',
      'signin.identified info password',
      'password.checked success password',
      'access.decided success password',
      'signin.completed success password pwd',
    ]);
    for (const event of events) {
      assert.deepEqual(Object.keys(event).filter((key) => !CONTRACT.has(key)), [], event.event);
      assert.equal(event.rp, 'app');
      assert.equal(event.clientIp, '127.0.0.1');
      assert.ok(event.serverName && event.serverIp, 'server name and IP');
      assert.equal(new Date(event.time).toISOString(), event.time);
      if (event.event !== 'signin.started') assert.equal(event.uniqueId, 'alice');
    }
    const checked = events[2]!;
    assert.deepEqual([checked.firstName, checked.lastName, checked.email], ['Alice', 'Andersson', 'alice@example.org']);
    assert.deepEqual(events[3]!.policies, [], 'the policy decision rides on access.decided');
  });

  it('records each wrong password before the right one', async () => {
    const start = await startAuthorization(await discoverClient(gh.url));
    const browser = appBrowser();
    const page = await signInWithPassword(browser, start, 'alice', 'wrong');
    assert.ok(isCallback((await browser.submit(page, { password: PASSWORD })).url));
    assert.deepEqual(summary(oneTransaction(since())), [
      'signin.started info password',
      'signin.identified info password',
      'password.checked failure password invalid',
      'password.checked success password',
      'access.decided success password',
      'signin.completed success password pwd',
    ]);
  });

  it('records the MFA steps and the second access decision of a TOTP sign-in', async () => {
    const start = await startAuthorization(await discoverClient(gh.url), MFA);
    const browser = appBrowser();
    const page = await signInWithPassword(browser, start, 'alice', PASSWORD);
    const wrong = await submitCode(browser, page, '000000');
    assert.ok(isCallback((await submitCode(browser, wrong, await oathtoolTotp(aliceKey, clock.now() / 1000))).url));
    assert.deepEqual(summary(oneTransaction(since())), [
      'signin.started info password',
      'signin.identified info password',
      'password.checked success password',
      'access.decided success password requires mfa',
      'mfa.started pending totp',
      'mfa.failed failure totp invalid',
      'mfa.completed success totp pwd otp mfa',
      'access.decided success password',
      'signin.completed success password pwd otp mfa',
    ]);
  });

  it('records the switch to a recovery code under “Sign in another way”', async () => {
    const [code] = await generateRecoveryCodes(gh, 'alice');
    const start = await startAuthorization(await discoverClient(gh.url), MFA);
    const browser = appBrowser();
    const recovery = await signInAnotherWay(browser, await signInWithPassword(browser, start, 'alice', PASSWORD), 'recovery');
    assert.ok(isCallback((await submitCode(browser, recovery, code!)).url));
    assert.deepEqual(summary(oneTransaction(since())).slice(3), [
      'access.decided success password requires mfa',
      'mfa.started pending totp',
      'mfa.started pending recovery',
      'mfa.completed success recovery pwd otp mfa',
      'access.decided success password',
      'signin.completed success password pwd otp mfa',
    ]);
  });

  it('records an SSO re-use as authMode sso, still through access', async () => {
    const config = await discoverClient(gh.url);
    const browser = appBrowser();
    assert.ok(isCallback((await signInWithPassword(browser, await startAuthorization(config), 'alice', PASSWORD)).url));
    mark = gh.auditEvents.length;
    assert.ok(isCallback((await browser.get((await startAuthorization(config)).url.toString())).url));
    const events = oneTransaction(since());
    assert.deepEqual(summary(events), ['signin.started info sso', 'access.decided success password', 'signin.completed success password pwd']);
    assert.equal(events[0]!.uniqueId, 'alice');
  });

  it('records a policy block with the policy that blocked', async () => {
    const start = await startAuthorization(await discoverClient(gh.url));
    await signInWithPassword(appBrowser(), start, 'carl', PASSWORD);
    const events = oneTransaction(since());
    assert.deepEqual(summary(events), [
      'signin.started info password',
      'signin.identified info password',
      'password.checked success password',
      'access.decided failure password policy_block',
    ]);
    assert.deepEqual(events[3]!.policies, [{ name: 'Block contractors from the app', state: 'enabled', effect: 'block' }]);
  });

  it('records a portal sign-in as any other, with rp portal', async () => {
    const browser = new FormBrowser();
    const identify = await browser.get(`${gh.url}/portal`);
    const home = await browser.submit(await browser.submit(identify, { username: 'carl' }), { password: PASSWORD });
    assert.equal(home.url, `${gh.url}/portal`);
    const events = oneTransaction(since());
    assert.deepEqual(summary(events), [
      'signin.started info password',
      'signin.identified info password',
      'password.checked success password',
      'access.decided success password',
      'signin.completed success password pwd',
    ]);
    assert.ok(events.every((e) => e.rp === 'portal'));
  });

  it('records an admin sign-in with its MFA, then the admin session it opened', async () => {
    const { page } = await signInToAdmin(gh, clock, 'root', rootKey);
    assert.equal(page.status, 200);
    const events = oneTransaction(since());
    assert.deepEqual(summary(events), [
      'signin.started info password',
      'signin.identified info password',
      'password.checked success password',
      'access.decided success password requires mfa',
      'mfa.started pending totp',
      'mfa.completed success totp pwd otp mfa',
      'access.decided success password',
      'signin.completed success password pwd otp mfa',
      'admin.signin success admin',
    ]);
    assert.ok(events.every((e) => e.rp === 'admin'));
    assert.equal(events.at(-1)!.actor, 'root');
  });

  it('drops names and email from every event when personal fields are switched off', async () => {
    const other = await startGatehouse({ audit: { sinks: [], personalFields: false } });
    try {
      await other.addUser('dora', PASSWORD, { name: 'Dora Dahl', email: 'dora@example.org' });
      const start = await startAuthorization(await discoverClient(other.url));
      assert.ok(isCallback((await signInWithPassword(appBrowser(), start, 'dora', PASSWORD)).url));
      assert.ok(other.auditEvents.length >= 5);
      for (const event of other.auditEvents) assert.deepEqual([event.firstName, event.lastName, event.email], [undefined, undefined, undefined], event.event);
      assert.ok(other.auditEvents.some((e) => e.uniqueId === 'dora'), 'the login stays: reports need it');
    } finally {
      await other.stop();
    }
  });
});
