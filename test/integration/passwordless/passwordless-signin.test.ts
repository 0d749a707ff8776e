import assert from 'node:assert/strict';
import type * as client from 'openid-client';
import { appBrowser, discoverClient, redeem, startAuthorization, type AuthorizationStart } from '../../helpers/oidc-client.js';
import type { BrowserResponse, FormBrowser } from '../../helpers/form-browser.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { createShiftableClock, enrollPhone, pendingOn, respond, shownNumber, submitForm, type ShiftableClock } from '../push/push-flows.js';

const PASSWORD = 'correct horse battery';
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

const POLICIES = `
policies:
  - name: Admins use phishing-resistant MFA
    users: { include: { groups: [Admins] } }
    grant: { require: { mfa: true, phishingResistant: true } }
  - name: No phone sign-in for restricted staff
    users: { include: { groups: [Restricted] } }
    conditions: { methods: [passwordless] }
    grant: { block: true }
  - name: Contractors use TOTP
    users: { include: { groups: [Contractors] } }
    grant: { require: { methods: [totp] } }
  - name: Phone sign-in is MFA
    users: { include: all }
    conditions: { methods: [passwordless] }
    grant: { require: { mfa: true } }
`;

describe('passwordless sign-in with the phone, through openid-client', () => {
  let gh: RunningGatehouse;
  let clock: ShiftableClock;
  let config: client.Configuration;
  const phones: Record<string, string> = {};

  interface Started {
    browser: FormBrowser;
    page: BrowserResponse;
    start: AuthorizationStart;
  }

  async function identify(login: string): Promise<Started> {
    const start = await startAuthorization(config);
    const browser = appBrowser();
    const page = await browser.submit(await browser.get(start.url.toString()), { username: login });
    return { browser, page, start };
  }

  before(async () => {
    clock = createShiftableClock();
    gh = await startGatehouse({ push: { timeout: '20s' } }, { clock, policies: POLICIES });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson' });
    await gh.addUser('ann', PASSWORD, { groups: ['Admins'] });
    await gh.addUser('rita', PASSWORD, { groups: ['Restricted'] });
    await gh.addUser('cody', PASSWORD, { groups: ['Contractors'] });
    await gh.addUser('bob', PASSWORD);
    for (const login of ['alice', 'ann', 'rita', 'cody']) phones[login] = await enrollPhone(gh, login, `${login}-phone`, { passwordless: true });
    phones.bob = await enrollPhone(gh, 'bob', 'bob-phone');
    config = await discoverClient(gh.url);
  });
  after(() => gh.stop());

  it('signs in with the username and the phone alone: the number chosen, the PIN given, a token saying swk, pin and mfa', async () => {
    const { browser, page, start } = await identify('alice');
    assert.match(page.body, /<h1 id="page-title">Approve the sign-in on your phone<\/h1>/);
    assert.match(page.body, /Use your password instead/);
    assert.doesNotMatch(page.body, /type="password"/, 'no password is asked');
    const number = shownNumber(page);
    const [request] = await pendingOn(phones.alice!);
    assert.ok(request?.match.type === 'choose' && request.match.choices.includes(number), 'the phone offers the browser’s number among three');
    const answered = await respond(phones.alice!, '--approve', '--number', String(number));
    assert.match(answered.out[0]!, /: approved$/);
    const callback = await submitForm(browser, page, '/passwordless');
    assert.ok(isCallback(callback.url), `ended at ${callback.url}`);
    const claims = (await redeem(config, start, callback.url)).claims()!;
    assert.deepEqual(claims.amr, ['swk', 'pin', 'mfa']);
    assert.equal(claims.acr, 'urn:gatehouse:acr:mfa');
    const tx = gh.auditEvents.filter((e) => e.transactionId === gh.auditEvents.find((x) => x.event === 'passwordless.completed')?.transactionId).map((e) => e.event);
    assert.deepEqual(tx, ['signin.started', 'signin.identified', 'push.sent', 'passwordless.offered', 'push.approved', 'passwordless.completed', 'access.decided', 'signin.completed']);
  });

  it('runs conditional access after the phone: the policies for passwordless sign-ins are seen and satisfied', async () => {
    const { browser, page } = await identify('alice');
    await respond(phones.alice!, '--approve', '--number', String(shownNumber(page)), '--uv', 'biometric');
    const callback = await submitForm(browser, page, '/passwordless');
    assert.ok(isCallback(callback.url));
    const decided = gh.auditEvents.filter((e) => e.event === 'access.decided').at(-1);
    assert.equal(decided?.authMode, 'passwordless');
    assert.deepEqual((decided?.policies as Array<{ name: string }>).map((p) => p.name), ['Phone sign-in is MFA']);
  });

  it('says user (not a guessed biometric) in amr when the app unlocked with an unnamed biometric', async () => {
    const { browser, page, start } = await identify('alice');
    await respond(phones.alice!, '--approve', '--number', String(shownNumber(page)), '--uv', 'biometric');
    const callback = await submitForm(browser, page, '/passwordless');
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['swk', 'user', 'mfa']);
  });

  it('refuses a phone sign-in approved without PIN or biometrics, and the request stays open', async () => {
    const { browser, page, start } = await identify('alice');
    const refused = await respond(phones.alice!, '--approve', '--number', String(shownNumber(page)), '--uv', 'none');
    assert.equal(refused.code, 1);
    assert.match(refused.err[0]!, /PIN or biometrics.*\(422 uv_required\)/);
    assert.equal((await pendingOn(phones.alice!)).length, 1, 'the request is still open');
    await respond(phones.alice!, '--approve', '--number', String(shownNumber(page)));
    const callback = await submitForm(browser, page, '/passwordless');
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['swk', 'pin', 'mfa']);
  });

  it('goes to the password page at once on “Use your password instead”, and the push is cancelled', async () => {
    const { browser, page, start } = await identify('alice');
    const [request] = await pendingOn(phones.alice!);
    const passwordPage = await submitForm(browser, page, '/passwordless/password');
    assert.match(passwordPage.body, /<h1 id="page-title">Enter your password<\/h1>/);
    assert.doesNotMatch(passwordPage.body, /role="alert"/, 'no message: the person chose it');
    assert.deepEqual(await pendingOn(phones.alice!), [], 'the phone no longer shows the request');
    const late = await respond(phones.alice!, '--request', request!.id, '--approve', '--number', String(shownNumber(page)));
    assert.match(late.err[0]!, /\(410 cancelled\)/);
    const callback = await browser.submit(passwordPage, { password: PASSWORD });
    assert.ok(isCallback(callback.url));
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['pwd']);
  });

  it('falls back to the password page, saying the app did not answer, once push.timeout passes (fake time)', async () => {
    const { browser, page, start } = await identify('alice');
    clock.advance(21_000);
    const passwordPage = await browser.get(page.url);
    assert.match(passwordPage.body, /Enter your password/);
    assert.match(passwordPage.body, /The app on your phone did not answer in time/);
    assert.deepEqual(await pendingOn(phones.alice!), []);
    assert.ok(gh.auditEvents.some((e) => e.event === 'push.unanswered' && e.uniqueId === 'alice'));
    const callback = await browser.submit(passwordPage, { password: PASSWORD });
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['pwd']);
  });

  it('sends a second sign-in straight to the password page while a phone sign-in is pending, and cancels that push', async () => {
    const first = await identify('alice');
    const second = await identify('alice');
    assert.match(second.page.body, /Enter your password/);
    assert.match(second.page.body, /already waiting on your phone, so it was cancelled/);
    assert.deepEqual(await pendingOn(phones.alice!), [], 'no request reached the phone for the second sign-in, and the first is gone');
    const firstAgain = await submitForm(first.browser, first.page, '/passwordless');
    assert.match(firstAgain.body, /Enter your password/);
    assert.match(firstAgain.body, /request on your phone was cancelled/);
    const third = await identify('alice');
    assert.match(third.page.body, /Approve the sign-in on your phone/, 'with nothing pending, the next sign-in uses the phone again');
    await submitForm(third.browser, third.page, '/passwordless/password');
  });

  it('ends the sign-in when the phone denies it', async () => {
    const { browser, page } = await identify('alice');
    assert.match((await respond(phones.alice!, '--deny')).out[0]!, /: denied \(denied\)$/);
    const failed = await submitForm(browser, page, '/passwordless');
    assert.equal(failed.status, 403);
    assert.match(failed.body, /The sign-in was denied on your phone/);
  });

  it('treats the wrong number as a denial', async () => {
    const { browser, page } = await identify('alice');
    const [request] = await pendingOn(phones.alice!);
    const wrong = request!.match.type === 'choose' ? request!.match.choices.find((n) => n !== shownNumber(page))! : 0;
    assert.match((await respond(phones.alice!, '--approve', '--number', String(wrong))).out[0]!, /denied \(wrong number\)$/);
    const failed = await submitForm(browser, page, '/passwordless');
    assert.equal(failed.status, 403);
    assert.equal(gh.auditEvents.filter((e) => e.event === 'push.denied').at(-1)?.reason, 'wrong_number');
  });

  for (const [login, why] of [
    ['ann', 'policy asks for phishing-resistant MFA'],
    ['rita', 'policy blocks passwordless sign-ins'],
    ['cody', 'policy asks for another method (TOTP)'],
  ] as const) {
    it(`gives the password page, and sends nothing to the phone, when ${why}`, async () => {
      const { page } = await identify(login);
      assert.match(page.body, /Enter your password/);
      assert.doesNotMatch(page.body, /role="alert"/);
      assert.deepEqual(await pendingOn(phones[login]!), [], 'no request reached the device');
      const skipped = gh.auditEvents.filter((e) => e.event === 'passwordless.skipped' && e.uniqueId === login);
      assert.deepEqual(skipped.map((e) => e.reason), ['policy']);
      assert.ok(!gh.auditEvents.some((e) => e.event === 'push.sent' && e.uniqueId === login));
    });
  }

  it('gives the password page to a user whose phone is not enabled for passwordless', async () => {
    const { page } = await identify('bob');
    assert.match(page.body, /Enter your password/);
    assert.deepEqual(await pendingOn(phones.bob!), []);
  });

  it('offers no phone sign-in when push.passwordless is off', async () => {
    const off = await startGatehouse({ push: { passwordless: false } });
    try {
      await off.addUser('alice', PASSWORD);
      const phone = await enrollPhone(off, 'alice', 'phone', { passwordless: true });
      const offConfig = await discoverClient(off.url);
      const browser = appBrowser();
      const page = await browser.submit(await browser.get((await startAuthorization(offConfig)).url.toString()), { username: 'alice' });
      assert.match(page.body, /Enter your password/);
      assert.deepEqual(await pendingOn(phone), []);
    } finally {
      await off.stop();
    }
  });
});
