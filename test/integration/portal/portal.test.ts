import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.js';
import { FormBrowser, readForms, type BrowserResponse } from '../../helpers/form-browser.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { createFakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

const EMAIL_ADAPTER = fileURLToPath(new URL('../../../examples/email-code/index.js', import.meta.url));
const PASSWORD = 'correct horse battery';

/** Follows GET /portal through the sign-in pages (identify, password) back to the portal. */
async function portalSignIn(browser: FormBrowser, url: string, login: string): Promise<BrowserResponse> {
  const identify = await browser.get(`${url}/portal`);
  assert.match(identify.body, /to continue to My account/);
  const password = await browser.submit(identify, { username: login });
  return browser.submit(password, { password: PASSWORD });
}

const formIndex = (page: BrowserResponse, action: RegExp) => {
  const index = readForms(page.body).findIndex((form) => action.test(form.action));
  assert.ok(index >= 0, `a form posting to ${action} in\n${page.body}`);
  return index;
};

describe('the user portal', () => {
  const clock = createFakeClock(Date.now());
  let gh: RunningGatehouse;
  let browser: FormBrowser;
  let key: string;
  let firstCodes: string[];
  const now = () => clock.now() / 1000;

  before(async () => {
    gh = await startGatehouse({ mfa: { adapters: ['totp', 'recovery', { module: EMAIL_ADAPTER }] } }, { clock });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson', email: 'alice@example.org' });
    browser = new FormBrowser();
  });
  after(() => gh.stop());
  beforeEach(() => clock.advance(30_000));

  it('sends a visitor without a session through the sign-in and back to their methods', async () => {
    const home = await portalSignIn(browser, gh.url, 'alice');
    assert.equal(home.url, `${gh.url}/portal`);
    assert.match(home.body, /<h1 id="page-title">Your sign-in methods<\/h1>/);
    assert.match(home.body, /Signed in as Alice Andersson \(alice\)/);
    assert.match(home.body, /You have no second verification method yet/);
    assert.equal(gh.auditEvents.filter((e) => e.event === 'signin.completed').at(-1)?.rp, 'portal');
  });

  it('adds TOTP once a first code confirms it, and shows ten recovery codes once', async () => {
    const setup = await browser.get(`${gh.url}/portal/methods/totp/enroll`);
    key = /<code id="totp-key">([^<]+)<\/code>/.exec(setup.body)![1]!.replace(/\s+/g, '');
    const wrong = await browser.submit(setup, { code: '12345' });
    assert.match(wrong.body, /aria-describedby="code-error"/);
    assert.match(wrong.body, /Enter the 6 digits/);
    const shown = await browser.submit(wrong, { code: await oathtoolTotp(key, now()) });
    firstCodes = [...shown.body.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((m) => m[1]!);
    assert.equal(firstCodes.length, 10);
    assert.match(shown.body, /shown only this once/);
    const home = await browser.get(`${gh.url}/portal`);
    assert.match(home.body, /<strong>Authenticator app<\/strong>:\s*Added [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    assert.match(home.body, /<strong>Recovery code<\/strong>:\s*Added [A-Z][a-z]{2} \d{1,2}, \d{4}, 10 of 10 codes left/);
    assert.doesNotMatch(home.body, /<li><code>/, 'the codes are not on the portal page');
    const enrolled = gh.auditEvents.filter((e) => e.event === 'method.enrolled' && e.result === 'success').map((e) => e.authMode);
    assert.deepEqual(enrolled, ['totp', 'recovery']);
  });

  it('asks for MFA before any change once the user has a method', async () => {
    const home = await browser.get(`${gh.url}/portal`);
    assert.match(home.body, /verify your identity with one of them first/);
    assert.doesNotMatch(home.body, /Remove Authenticator app/);
    const csrf = readForms(home.body)[formIndex(home, /\/portal\/signout$/)]!.fields.csrf!;
    const challenge = await browser.post(`${gh.url}/portal/methods/totp/remove`, { csrf });
    assert.match(challenge.url, /\/signin\/t\//, 'a change sends the user to verify first');
    assert.match(challenge.body, /Verify your identity/);
    const user = (await gh.gatehouse.registry.directory.findUser('alice'))!;
    assert.deepEqual((await gh.gatehouse.registry.mfa.enrolledMethods(user)).map((m) => m.adapter.id), ['totp', 'recovery'], 'nothing was removed');
    const back = await browser.submit(challenge, { code: await oathtoolTotp(key, now()) }, 0);
    assert.equal(back.url, `${gh.url}/portal`);
    assert.match(back.body, /Remove Authenticator app/);
  });

  it('lets the user pick their default method among those available', async () => {
    const home = await browser.get(`${gh.url}/portal`);
    assert.match(home.body, /<option value="totp" selected>Authenticator app<\/option>/);
    const saved = await browser.submit(home, { method: 'email' }, formIndex(home, /\/portal\/default$/));
    assert.match(saved.body, /Your default method was saved/);
    assert.match(saved.body, /<option value="email" selected>Email code<\/option>/);
    const user = await gh.gatehouse.registry.directory.findUser('alice');
    assert.equal((await gh.gatehouse.registry.mfa.preferences.get(user!.id)).default, 'email');
  });

  it('regenerates recovery codes: the new ones work and the old ones stop working', async () => {
    const page = await browser.get(`${gh.url}/portal/methods/recovery/enroll`);
    assert.match(page.body, /the old codes stop working at once/);
    const shown = await browser.submit(page, {});
    const codes = [...shown.body.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((m) => m[1]!);
    assert.equal(codes.length, 10);
    assert.equal(codes.filter((code) => firstCodes.includes(code)).length, 0);
    const user = (await gh.gatehouse.registry.directory.findUser('alice'))!;
    const recovery = gh.gatehouse.registry.mfa.get('recovery')!;
    const ctx = { purpose: 'signin' as const, transactionId: 'x', clientIp: '127.0.0.1', rpId: 'app', locale: 'en' };
    assert.equal((await recovery.tryEnd(user, ctx, { code: firstCodes[0]! })).kind, 'retry');
    assert.equal((await recovery.tryEnd(user, ctx, { code: codes[0]! })).kind, 'ok');
  });

  it('lists the user’s recent sign-ins', async () => {
    const home = await browser.get(`${gh.url}/portal`);
    // Dates come in the page's language (English here: "Nov 22, 2026, 10:30 AM").
    const entries = [...home.body.matchAll(/<li>([A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M: [^<]+)<\/li>/g)].map((m) => m[1]!);
    assert.equal(entries.length, 2, entries.join('\n'));
    assert.match(entries[0]!, /My account from 127\.0\.0\.1 \(pwd, otp, mfa\)/);
    assert.match(entries[1]!, /My account from 127\.0\.0\.1 \(pwd\)/);
  });

  it('refuses a portal form without its CSRF token', async () => {
    const home = await browser.get(`${gh.url}/portal`);
    const answer = await browser.submit(home, { csrf: 'x'.repeat(32) }, formIndex(home, /\/remove$/));
    assert.equal(answer.status, 400);
    assert.match((await browser.get(`${gh.url}/portal`)).body, /Remove Authenticator app/, 'still there');
  });

  it('removes TOTP, and the recovery codes with it', async () => {
    const home = await browser.get(`${gh.url}/portal`);
    const after = await browser.submit(home, {}, formIndex(home, /\/portal\/methods\/totp\/remove$/));
    assert.match(after.body, /The method was removed/);
    assert.match(after.body, /You have no second verification method yet/);
    const removed = gh.auditEvents.filter((e) => e.event === 'method.removed').map((e) => `${e.authMode} ${e.reason ?? ''}`.trim());
    assert.deepEqual(removed, ['totp', 'recovery last_method_removed']);
  });

  it('signs out of the portal and of the browser’s SSO session', async () => {
    const home = await browser.get(`${gh.url}/portal`);
    const out = await browser.submit(home, {}, formIndex(home, /\/portal\/signout$/));
    assert.match(out.body, /Signed out/);
    const again = await browser.get(`${gh.url}/portal`);
    assert.match(again.body, /autocomplete="username"/, 'the next visit asks who you are');
  });
});

describe('the user portal’s admin switches and cookies', () => {
  const clock = createFakeClock(Date.now());
  let gh: RunningGatehouse;

  before(async () => {
    gh = await startGatehouse({ portal: { selfEnrollment: false, methodSelection: false } }, { clock });
    await gh.addUser('bob', PASSWORD);
  });
  after(() => gh.stop());

  it('shows no way to add or remove methods when self-enrollment is off, and refuses the pages', async () => {
    const browser = new FormBrowser();
    const home = await portalSignIn(browser, gh.url, 'bob');
    assert.match(home.body, /<strong>Authenticator app<\/strong>:\s*Not set up/);
    assert.doesNotMatch(home.body, /\/portal\/methods\/totp\/enroll/);
    assert.equal((await browser.get(`${gh.url}/portal/methods/totp/enroll`)).status, 404);
    const csrf = readForms(home.body)[0]!.fields.csrf!;
    assert.equal((await browser.post(`${gh.url}/portal/default`, { csrf, method: 'totp' })).status, 403);
  });

  it('keeps the portal session in an HttpOnly, SameSite=Lax cookie scoped to /portal', async () => {
    const browser = new FormBrowser((url) => url.pathname === '/portal/complete');
    const identify = await browser.get(`${gh.url}/portal`);
    const completion = await browser.submit(await browser.submit(identify, { username: 'bob' }), { password: PASSWORD });
    const response = await fetch(completion.url, { redirect: 'manual', headers: { cookie: [...browser.cookies].map(([n, v]) => `${n}=${v}`).join('; ') } });
    const portalCookie = response.headers.getSetCookie().find((line) => line.startsWith('gh_portal='));
    assert.ok(portalCookie, 'the completion sets the portal cookie');
    assert.match(portalCookie, /; path=\/portal/i);
    assert.match(portalCookie, /; httponly/i);
    assert.match(portalCookie, /; samesite=lax/i);
    assert.doesNotMatch(portalCookie, /; secure/i, 'not Secure on an http issuer');
    assert.equal(response.headers.get('location'), '/portal');
  });
});

describe('gatehouse users reset-mfa', () => {
  const clock = createFakeClock(Date.now());
  let gh: RunningGatehouse;
  let configFile: string;
  const io = () => {
    const lines = { out: [] as string[], err: [] as string[] };
    return { lines, io: { out: (l: string) => void lines.out.push(l), err: (l: string) => void lines.err.push(l), stdin: Readable.from(['']), env: {} } };
  };

  before(async () => {
    gh = await startGatehouse({}, { clock });
    await gh.addUser('carol', PASSWORD);
    configFile = `${gh.dir}/gatehouse.yaml`;
    await writeFile(configFile, `dataDir: ./data\nkeys: { dir: ./certs }\naudit: { sinks: [] }\n`);
  });
  after(() => gh.stop());

  it('removes every method of the user, and a running node sees it at once', async () => {
    const browser = new FormBrowser();
    await portalSignIn(browser, gh.url, 'carol');
    const setup = await browser.get(`${gh.url}/portal/methods/totp/enroll`);
    const key = /<code id="totp-key">([^<]+)<\/code>/.exec(setup.body)![1]!.replace(/\s+/g, '');
    await browser.submit(setup, { code: await oathtoolTotp(key, clock.now() / 1000) });
    const run = io();
    assert.equal(await main(['users', 'reset-mfa', 'carol', '--config', configFile], run.io), 0, run.lines.err.join('\n'));
    assert.deepEqual(run.lines.out, ['reset-mfa carol: removed totp, recovery']);
    const home = await browser.get(`${gh.url}/portal`);
    assert.match(home.body, /You have no second verification method yet/);
  });

  it('exits 1 for an unknown user and 2 without a login', async () => {
    const unknown = io();
    assert.equal(await main(['users', 'reset-mfa', 'nobody', '--config', configFile], unknown.io), 1);
    assert.deepEqual(unknown.lines.err, ['gatehouse users reset-mfa: no user nobody']);
    const usage = io();
    assert.equal(await main(['users', 'reset-mfa', '--config', configFile], usage.io), 2);
  });
});
