import assert from 'node:assert/strict';
import { readForms, type BrowserResponse, type FormBrowser } from '../../helpers/form-browser.js';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { enrollTotp } from '../mfa/mfa-flows.js';
import { ADMIN_PASSWORD, adminCsrf, signInToAdmin } from './admin-flows.js';

/** A strict page: nothing inline that the Content-Security-Policy would have to allow. */
function assertNoInlineCode(page: BrowserResponse): void {
  assert.doesNotMatch(page.body, /<script\b/i, `${page.url} has a script`);
  assert.doesNotMatch(page.body, /\sstyle=|<style\b/i, `${page.url} has inline style`);
  assert.doesNotMatch(page.body, /\son[a-z]+=/i, `${page.url} has an inline handler`);
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(page.headers.get('cache-control'), 'no-store');
}

describe('the admin pages', () => {
  let gh: RunningGatehouse;
  let clock: FakeClock;
  let browser: FormBrowser;
  let overview: BrowserResponse;

  before(async function () {
    this.timeout(120_000);
    clock = createFakeClock(Date.now());
    gh = await startGatehouse({ trustedProxies: ['127.0.0.1/32'], lockout: { unfamiliarThreshold: 2 } }, { clock });
    await gh.addUser('root', ADMIN_PASSWORD, { name: 'Rita Root', groups: ['GatehouseAdmins'] });
    await gh.addUser('carol', 'carol password', { name: 'Carol Carlsson', email: 'carol@example.org' });
    const key = await enrollTotp(gh, 'root', clock);
    await enrollTotp(gh, 'carol', clock);
    const oidc = await discoverClient(gh.url);
    await signInWithPassword(appBrowser(), await startAuthorization(oidc), 'carol', 'carol password');
    for (const guess of ['guess 1', 'guess 2']) await signInWithPassword(appBrowser({ 'X-Forwarded-For': '203.0.113.9' }), await startAuthorization(oidc), 'carol', guess);
    ({ browser, page: overview } = await signInToAdmin(gh, clock, 'root', key));
  });
  after(() => gh.stop());

  it('shows the last day and the last week on the overview', () => {
    assertNoInlineCode(overview);
    assert.match(overview.body, /<h2 id="report-day">Last 24 hours<\/h2>/);
    assert.match(overview.body, /<h2 id="report-week">Last 7 days<\/h2>/);
    assert.match(overview.body, /\d+ sign-ins: \d+ succeeded/);
    assert.match(overview.body, /Sign out root/);
  });

  it('finds a user and shows their methods and lockout, then resets their MFA with the page’s form', async () => {
    const results = await browser.get(`${gh.url}/admin/users?q=carl`);
    assertNoInlineCode(results);
    assert.match(results.body, /<a href="\/admin\/users\/carol">carol<\/a>/);
    const user = await browser.get(`${gh.url}/admin/users/carol`);
    assertNoInlineCode(user);
    assert.match(user.body, /<h1 id="page-title">User carol<\/h1>/);
    assert.match(user.body, /Authenticator app: added/);
    assert.match(user.body, /Unfamiliar places<\/td><td class="num">2 \/ 2<\/td><td>locked until/);
    const reset = readForms(user.body).findIndex((form) => form.action.endsWith('/reset-mfa'));
    const after = await browser.submit(user, {}, reset);
    assert.equal(after.url, `${gh.url}/admin/users/carol`);
    assert.match(after.body, /Every MFA method of the user was removed\./);
    assert.match(after.body, /No MFA method is set up\./);
    const event = gh.auditEvents.filter((e) => e.event === 'admin.user.reset_mfa').at(-1);
    assert.deepEqual([event?.uniqueId, event?.actor, event?.reason], ['carol', 'root', 'totp']);
  });

  it('unlocks smart lockout from the user page', async () => {
    const user = await browser.get(`${gh.url}/admin/users/carol`);
    const after = await browser.submit(user, {}, readForms(user.body).findIndex((form) => form.action.endsWith('/unlock')));
    assert.match(after.body, /Smart lockout was cleared\./);
    assert.match(after.body, /Unfamiliar places<\/td><td class="num">0 \/ 2<\/td><td>open/);
    assert.ok(gh.auditEvents.some((e) => e.event === 'admin.user.unlocked' && e.actor === 'root' && e.reason === 'locked'));
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const refused = await browser.post(`${gh.url}/admin/users/carol/unlock`, { csrf: 'forged' });
    assert.equal(refused.status, 400);
    const missing = await browser.post(`${gh.url}/admin/users/carol/unlock`, {});
    assert.equal(missing.status, 400);
  });

  it('explains a what-if decision', async () => {
    const form = await browser.get(`${gh.url}/admin/whatif`);
    assertNoInlineCode(form);
    const index = readForms(form.body).findIndex((f) => f.action === '/admin/whatif');
    const answer = await browser.submit(form, { user: 'carol', rp: 'app', ip: '198.51.100.7', device: 'unknown', method: 'password', client: 'browser', requested: 'mfa' }, index);
    assert.match(answer.body, /Decision: allow/);
    assert.match(answer.body, /No policy is configured/);
    const asked = gh.auditEvents.filter((e) => e.event === 'admin.whatif').at(-1);
    assert.deepEqual([asked?.actor, asked?.reason], ['root', 'user=carol rp=app ip=198.51.100.7']);
    const incomplete = await browser.submit(form, { user: '', rp: 'app', ip: '', device: 'unknown', method: 'password', client: 'browser', requested: 'none' }, index);
    assert.match(incomplete.body, /Enter a user, a relying party and an IP address\./);
  });

  it('browses recent events, filtered', async () => {
    const page = await browser.get(`${gh.url}/admin/audit?user=carol&event=admin.`);
    assertNoInlineCode(page);
    const rows = [...page.body.matchAll(/<tr><td>[\d-]+ [\d:]+<\/td><td>([a-z._]+)<\/td>/g)].map((m) => m[1]);
    assert.deepEqual(rows, ['admin.user.unlocked', 'admin.user.reset_mfa']);
    assert.match(page.body, /\(by root\)/);
  });

  it('lists relying parties with their metadata state', async () => {
    const page = await browser.get(`${gh.url}/admin/relying-parties`);
    assertNoInlineCode(page);
    assert.match(page.body, /Test App <span class="admin-hint">\(app\)<\/span><\/td><td>oidc<\/td><td>app<\/td>/);
  });

  it('signs out: the cookie goes, and the next page asks to sign in again', async () => {
    const page = await browser.get(`${gh.url}/admin`);
    const out = await browser.post(`${gh.url}/admin/signout`, { csrf: adminCsrf(page) });
    assert.match(out.body, /You are signed out of the admin pages\./);
    assert.ok(!browser.cookies.has('gh_admin'));
    const again = await browser.get(`${gh.url}/admin/users`);
    assert.match(again.url, /\/signin\/t\//);
    assert.ok(gh.auditEvents.some((e) => e.event === 'admin.signout' && e.actor === 'root'));
  });
});
