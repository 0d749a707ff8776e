import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { ApiTokens } from '../../../src/admin/index.js';
import { main } from '../../../src/cli/main.js';
import { DeviceRecords, FraudBlocks } from '../../../src/devices/index.js';
import { FormBrowser } from '../../helpers/form-browser.js';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { captureIo } from '../audit/cli-io.js';
import { enrollTotp } from '../mfa/mfa-flows.js';
import { ADMIN_PASSWORD, adminCsrf, signInToAdmin, withCookies } from './admin-flows.js';

describe('the admin API and its sign-in', () => {
  let gh: RunningGatehouse;
  let clock: FakeClock;
  let adminKey: string;
  let bobKey: string;
  let token: string;
  const api = (path: string, init: RequestInit = {}, auth: string | null = token) =>
    fetch(`${gh.url}/admin/api${path}`, { ...init, headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(init.headers as Record<string, string>) } });

  before(async function () {
    this.timeout(120_000);
    clock = createFakeClock(Date.now());
    gh = await startGatehouse({ admin: { group: 'GatehouseAdmins' } }, { clock });
    await gh.addUser('root', ADMIN_PASSWORD, { name: 'Rita Root', groups: ['staff', 'GatehouseAdmins'] });
    await gh.addUser('bob', ADMIN_PASSWORD, { groups: ['staff'] });
    await gh.addUser('carol', 'carol password', { name: 'Carol Carlsson', email: 'carol@example.org' });
    adminKey = await enrollTotp(gh, 'root', clock);
    bobKey = await enrollTotp(gh, 'bob', clock);
    await writeFile(`${gh.dir}/gatehouse.yaml`, `dataDir: ${gh.dir}/data\nkeys: { dir: ${gh.dir}/certs }\naudit: { sinks: [] }\n`);
    const io = captureIo();
    assert.equal(await main(['admin', 'token', 'create', '--name', 'ops', '--expires', '1h', '--config', `${gh.dir}/gatehouse.yaml`], io), 0, io.stderr.join('\n'));
    token = io.stdout[0]!;
  });
  after(() => gh.stop());

  it('signs an admin in through the sign-in pipeline with MFA and opens the overview', async () => {
    const { browser, page } = await signInToAdmin(gh, clock, 'root', adminKey);
    assert.equal(page.status, 200);
    assert.equal(page.url, `${gh.url}/admin`);
    assert.match(page.body, /<h1 id="page-title">Overview<\/h1>/);
    assert.ok(browser.cookies.has('gh_admin'));
    const signin = gh.auditEvents.filter((e) => e.event === 'admin.signin');
    assert.deepEqual(signin.map((e) => [e.result, e.uniqueId, e.actor, e.rp]), [['success', 'root', 'root', 'admin']]);
    const completed = gh.auditEvents.find((e) => e.event === 'signin.completed' && e.rp === 'admin');
    assert.equal(completed?.reason, 'pwd otp mfa');
  });

  it('asks for MFA even when the browser already has a password-only SSO session', async () => {
    const browser = appBrowser();
    const start = await startAuthorization(await discoverClient(gh.url));
    await signInWithPassword(browser, start, 'root', ADMIN_PASSWORD);
    const page = await browser.get(`${gh.url}/admin`);
    assert.match(page.body, /autocomplete="one-time-code"/, 'the SSO session is re-used, but MFA is still asked for');
  });

  it('refuses a user outside the admin group with a clear 403 page, and their cookies open nothing', async () => {
    const { browser, page } = await signInToAdmin(gh, clock, 'bob', bobKey);
    assert.equal(page.status, 403);
    assert.match(page.body, /bob is not a Gatehouse administrator/);
    assert.ok(!browser.cookies.has('gh_admin'));
    assert.equal((await fetch(`${gh.url}/admin/api/me`, withCookies(browser))).status, 401);
    const again = await browser.get(`${gh.url}/admin/users`);
    assert.ok(/\/signin\/t\//.test(again.url), 'a non-admin is sent to sign in again, never shown a page');
    assert.ok(gh.auditEvents.some((e) => e.event === 'admin.signin' && e.result === 'failure' && e.reason === 'not_admin' && e.uniqueId === 'bob'));
  });

  it('refuses calls without a token, with a malformed, a wrong, a revoked or an expired one', async () => {
    const tokens = new ApiTokens(gh.gatehouse.registry.store, clock);
    const expiring = (await tokens.create('short', 60_000)).token;
    const revoked = await tokens.create('gone', null);
    await tokens.revoke(revoked.record.id);
    assert.equal((await api('/me', {}, expiring)).status, 200);
    clock.advance(61_000);
    for (const auth of [null, 'not-a-token', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, revoked.token, expiring]) {
      const response = await api('/me', {}, auth);
      assert.equal(response.status, 401, String(auth));
      assert.equal(((await response.json()) as { error: string }).error, 'unauthorized');
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
    assert.deepEqual(await (await api('/me')).json(), { kind: 'token', actor: 'token:ops' });
  });

  it('accepts an admin session cookie, and asks it for the CSRF token on every change', async () => {
    const { browser, page } = await signInToAdmin(gh, clock, 'root', adminKey);
    assert.deepEqual(await (await fetch(`${gh.url}/admin/api/me`, withCookies(browser))).json(), { kind: 'session', actor: 'root' });
    const without = await fetch(`${gh.url}/admin/api/users/carol/unlock`, withCookies(browser, { method: 'POST' }));
    assert.equal(without.status, 400);
    assert.equal(((await without.json()) as { error: string }).error, 'csrf');
    const wrong = await fetch(`${gh.url}/admin/api/users/carol/unlock`, withCookies(browser, { method: 'POST', headers: { 'x-csrf-token': 'x'.repeat(32) } }));
    assert.equal(wrong.status, 400);
    const right = await fetch(`${gh.url}/admin/api/users/carol/unlock`, withCookies(browser, { method: 'POST', headers: { 'x-csrf-token': adminCsrf(page) } }));
    assert.equal(right.status, 200);
    assert.ok(gh.auditEvents.some((e) => e.event === 'admin.user.unlocked' && e.actor === 'root' && e.uniqueId === 'carol'));
  });

  it('finds users and shows their methods, devices, blocks and lockout', async () => {
    await enrollTotp(gh, 'carol', clock);
    const found = (await (await api('/users?q=CARL')).json()) as { users: Array<{ login: string; name: string }> };
    assert.deepEqual(found.users, [{ login: 'carol', name: 'Carol Carlsson', email: 'carol@example.org', disabled: false }]);
    const detail = (await (await api('/users/carol')).json()) as Record<string, unknown>;
    assert.deepEqual((detail.methods as Array<{ id: string }>).map((m) => m.id), ['totp']);
    assert.deepEqual(detail.devices, []);
    assert.equal(detail.fraudBlockedSince, null);
    assert.equal(detail.admin, false);
    assert.deepEqual((detail.lockout as { unfamiliar: unknown }).unfamiliar, { failures: 0, threshold: 5, locked: false });
    assert.equal((await api('/users/nobody')).status, 404);
    assert.equal((await api('/users')).status, 400);
  });

  it('resets MFA, removes a device, lifts a fraud block and unlocks, auditing each with the admin’s identity', async () => {
    const carol = (await gh.gatehouse.registry.directory.findUser('carol'))!;
    const store = gh.gatehouse.registry.store;
    await new DeviceRecords(store).add({ id: 'dev-1', userId: carol.id, login: 'carol', name: 'Carol’s phone', platform: 'cli', publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, createdAt: new Date(clock.now()).toISOString(), passwordless: false }, 5);
    await new FraudBlocks(store).block(carol.id, { since: new Date(clock.now()).toISOString(), requestId: 'r1', deviceId: 'dev-1' });
    const before = gh.auditEvents.length;

    const detail = (await (await api('/users/carol')).json()) as { devices: Array<{ id: string; name: string }>; fraudBlockedSince: string | null };
    assert.deepEqual(detail.devices.map((d) => d.id), ['dev-1']);
    assert.ok(detail.fraudBlockedSince);

    assert.equal((await api('/users/carol/devices/dev-1', { method: 'DELETE' })).status, 200);
    assert.equal((await api('/users/carol/devices/dev-1', { method: 'DELETE' })).status, 404);
    assert.deepEqual(await (await api('/users/carol/reset-mfa', { method: 'POST' })).json(), { removed: ['totp'] });
    assert.deepEqual(await (await api('/users/carol/unblock', { method: 'POST' })).json(), { wasBlocked: true });
    assert.deepEqual(await (await api('/users/carol/unlock', { method: 'POST' })).json(), { wasLocked: false });
    assert.equal((await api('/policy/whatif?user=carol&rp=app&ip=203.0.113.1')).status, 200);

    const after = (await (await api('/users/carol')).json()) as { methods: unknown[]; devices: unknown[]; fraudBlockedSince: string | null };
    assert.deepEqual([after.methods, after.devices, after.fraudBlockedSince], [[], [], null]);
    const audited = gh.auditEvents.slice(before).filter((e) => e.actor === 'token:ops');
    assert.deepEqual(audited.map((e) => `${e.event} ${e.uniqueId} ${e.reason ?? ''}`.trim()), [
      'admin.device.removed carol',
      'admin.user.reset_mfa carol totp',
      'admin.user.unblocked carol fraud_block',
      'lockout.cleared carol admin',
      'admin.user.unlocked carol not_locked',
      'admin.whatif token:ops user=carol rp=app ip=203.0.113.1',
    ]);
    for (const event of audited) {
      assert.equal(event.clientIp, '127.0.0.1');
      assert.ok(event.time && event.serverName, event.event);
    }
    assert.equal(audited[0]!.deviceId, 'dev-1');
  });

  it('lists relying parties with the state of their metadata', async () => {
    const body = (await (await api('/relying-parties')).json()) as { relyingParties: Array<{ id: string; type: string; identifier: string; status: string }> };
    assert.deepEqual(body.relyingParties.map(({ id, type, identifier, status }) => ({ id, type, identifier, status })), [{ id: 'app', type: 'oidc', identifier: 'app', status: 'ok' }]);
  });

  it('lists recent events newest first, filtered by user, event and result', async () => {
    const all = (await (await api('/audit?limit=5')).json()) as { events: Array<{ event: string; time: string }> };
    assert.equal(all.events.length, 5);
    assert.ok(all.events[0]!.time >= all.events[4]!.time);
    const carol = (await (await api('/audit?user=carol&event=admin.')).json()) as { events: Array<{ event: string; uniqueId: string }> };
    assert.ok(carol.events.length >= 4);
    assert.ok(carol.events.every((e) => e.uniqueId === 'carol' && e.event.startsWith('admin.')));
    const failures = (await (await api('/audit?result=failure')).json()) as { events: Array<{ result: string }> };
    assert.ok(failures.events.length > 0 && failures.events.every((e) => e.result === 'failure'));
    assert.equal((await api('/audit?result=maybe')).status, 400);
    assert.equal((await api('/audit?limit=0')).status, 400);
  });

  it('answers the report of the last day from the recent events when no audit file is configured', async () => {
    const body = (await (await api('/reports?period=day')).json()) as { source: string; report: { signins: { byRp: Record<string, { success: number }> }; admin: { actions: Record<string, number> } } };
    assert.equal(body.source, 'recent');
    assert.ok(body.report.signins.byRp.admin!.success >= 2);
    assert.equal(body.report.admin.actions['admin.user.reset_mfa'], 1);
    assert.equal((await api('/reports?period=year')).status, 400);
  });

  it('never lets a browser without an admin session reach a page: it starts a sign-in that asks for MFA', async () => {
    const browser = new FormBrowser();
    const page = await browser.get(`${gh.url}/admin/users?q=carol`);
    assert.match(page.url, /\/signin\/t\/[A-Za-z0-9_-]{24}$/);
    const tx = gh.auditEvents.filter((e) => e.event === 'signin.started' && e.rp === 'admin').at(-1);
    assert.ok(tx);
    const posted = await fetch(`${gh.url}/admin/users/carol/reset-mfa`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=x' });
    assert.equal(posted.status, 303);
    assert.equal(posted.headers.get('location'), '/admin');
  });
});
