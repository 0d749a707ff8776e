import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as client from 'openid-client';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization, type AuthorizationStart } from '../../helpers/oidc-client.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import type { BrowserResponse, FormBrowser } from '../../helpers/form-browser.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { enrollTotp, signInAnotherWay } from '../mfa/mfa-flows.js';
import { cli, createShiftableClock, enrollPhone, pendingOn, respond, shownNumber, submitForm, type ShiftableClock } from './push-flows.js';

const PASSWORD = 'correct horse battery';
const MFA = { acr_values: 'urn:gatehouse:acr:mfa' };
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

describe('push with number matching as the second factor, through openid-client', () => {
  let gh: RunningGatehouse;
  let clock: ShiftableClock;
  let config: client.Configuration;
  const phones: Record<string, string> = {};

  async function pushPage(login: string): Promise<{ browser: FormBrowser; page: BrowserResponse; start: AuthorizationStart }> {
    const start = await startAuthorization(config, MFA);
    const browser = appBrowser();
    const page = await signInWithPassword(browser, start, login, PASSWORD);
    return { browser, page, start };
  }

  before(async () => {
    clock = createShiftableClock();
    gh = await startGatehouse(
      { push: { timeout: '20s', maxPendingPerUser: 2, rateLimit: { pushes: 4, window: '15m' }, fatigue: { failures: 2, window: '30m', coolDown: '10m' } } },
      { clock },
    );
    for (const login of ['alice', 'will', 'dan', 'fay', 'pam', 'rex', 'frank']) {
      await gh.addUser(login, PASSWORD);
      phones[login] = await enrollPhone(gh, login, `${login}-phone`);
    }
    config = await discoverClient(gh.url);
  });
  after(() => gh.stop());

  it('asks the phone after the password, shows the number, and gives a token saying pwd, swk and mfa', async () => {
    const { browser, page, start } = await pushPage('alice');
    assert.match(page.body, /<h1 id="page-title">Verify your identity<\/h1>/);
    assert.match(page.body, /Mobile app notification/);
    assert.match(page.body, /enter this number/);
    const [request] = await pendingOn(phones.alice!);
    assert.deepEqual(request?.match, { type: 'enter', digits: 2 }, 'the phone must be told the number by its person');
    assert.equal(request?.kind, 'mfa');
    await respond(phones.alice!, '--approve', '--number', String(shownNumber(page)));
    const callback = await submitForm(browser, page, '/mfa');
    assert.ok(isCallback(callback.url), `ended at ${callback.url}`);
    const claims = (await redeem(config, start, callback.url)).claims()!;
    assert.deepEqual(claims.amr, ['pwd', 'swk', 'mfa']);
    assert.equal(claims.acr, 'urn:gatehouse:acr:mfa');
    const events = gh.auditEvents.filter((e) => e.uniqueId === 'alice' && /^(mfa|push)\./.test(e.event)).map((e) => `${e.event} ${e.result}`);
    assert.deepEqual(events, ['push.sent pending', 'mfa.started pending', 'push.approved success', 'mfa.completed success']);
  });

  it('says pin in amr when the person unlocked the app with the PIN', async () => {
    const { browser, page, start } = await pushPage('alice');
    await respond(phones.alice!, '--approve', '--number', String(shownNumber(page)), '--uv', 'pin');
    const callback = await submitForm(browser, page, '/mfa');
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['pwd', 'swk', 'pin', 'mfa']);
  });

  it('keeps waiting while the phone has not answered, then asks again once push.timeout passes (fake time)', async () => {
    const { browser, page, start } = await pushPage('alice');
    const waiting = await submitForm(browser, page, '/mfa');
    assert.equal(shownNumber(waiting), shownNumber(page), 'the same number while waiting');
    clock.advance(21_000);
    const timedOut = await submitForm(browser, waiting, '/mfa');
    assert.match(timedOut.body, /Your phone did not answer in time/);
    const again = await submitForm(browser, timedOut, '/mfa/choose', { method: 'push' });
    assert.match(again.body, /enter this number/);
    assert.equal((await pendingOn(phones.alice!)).length, 1, 'one new request; the old one expired');
    await respond(phones.alice!, '--approve', '--number', String(shownNumber(again)));
    const callback = await submitForm(browser, again, '/mfa');
    assert.ok(isCallback(callback.url));
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['pwd', 'swk', 'mfa']);
  });

  it('treats a wrong number as a denial and ends the sign-in', async () => {
    const { browser, page } = await pushPage('will');
    const wrong = shownNumber(page) === 42 ? 43 : 42;
    assert.match((await respond(phones.will!, '--approve', '--number', String(wrong))).out[0]!, /denied \(wrong number\)$/);
    const failed = await submitForm(browser, page, '/mfa');
    assert.equal(failed.status, 403);
    assert.match(failed.body, /did not match the one shown here/);
  });

  it('ends the sign-in when the phone denies it', async () => {
    const { browser, page } = await pushPage('dan');
    await respond(phones.dan!, '--deny');
    const failed = await submitForm(browser, page, '/mfa');
    assert.equal(failed.status, 403);
    assert.match(failed.body, /The sign-in was denied on your phone/);
    assert.equal(gh.auditEvents.filter((e) => e.event === 'mfa.failed' && e.uniqueId === 'dan').at(-1)?.reason, 'denied');
  });

  it('blocks the user from MFA after a fraud report until an admin runs gatehouse users unblock', async () => {
    const first = await pushPage('frank');
    assert.match((await respond(phones.frank!, '--fraud')).out[0]!, /: fraud reported$/);
    const failed = await submitForm(first.browser, first.page, '/mfa');
    assert.equal(failed.status, 403);
    assert.match(failed.body, /You reported this sign-in as fraud/);
    const frankEvents = gh.auditEvents.filter((e) => e.uniqueId === 'frank').map((e) => e.event);
    assert.ok(frankEvents.includes('push.fraud') && frankEvents.includes('user.blocked'), frankEvents.join(' '));

    const blocked = await pushPage('frank');
    assert.equal(blocked.page.status, 403);
    assert.match(blocked.page.body, /Verification is blocked for your account/);
    assert.deepEqual(await pendingOn(phones.frank!), [], 'no push goes to a blocked user');

    const file = join(gh.dir, 'cli.yaml');
    await writeFile(file, 'dataDir: ./data\naudit: { sinks: [] }\n');
    const unblocked = await cli(['users', 'unblock', 'frank', '--config', file]);
    assert.equal(unblocked.code, 0, unblocked.err.join('\n'));
    assert.match(unblocked.out[0]!, /^unblocked frank: MFA allowed again/);
    assert.deepEqual((await cli(['users', 'unblock', 'frank', '--config', file])).out, ['unblock frank: was not blocked']);

    const after = await pushPage('frank');
    await respond(phones.frank!, '--approve', '--number', String(shownNumber(after.page)));
    assert.ok(isCallback((await submitForm(after.browser, after.page, '/mfa')).url), 'MFA works again once unblocked');
  });

  it('stops pushing to a user after push.fatigue.failures denials and offers the other methods', async () => {
    await gh.addUser('fiona', PASSWORD);
    phones.fiona = await enrollPhone(gh, 'fiona', 'fiona-phone');
    const totpKey = await enrollTotp(gh, 'fiona', clock);
    for (let i = 0; i < 2; i++) {
      const { browser, page } = await pushPage('fiona');
      const offered = await signInAnotherWay(browser, page, 'push');
      await respond(phones.fiona!, '--deny');
      assert.equal((await submitForm(browser, offered, '/mfa')).status, 403);
    }
    assert.ok(gh.auditEvents.some((e) => e.event === 'push.cooldown' && e.uniqueId === 'fiona'));
    const { browser, page, start } = await pushPage('fiona');
    assert.match(page.body, /Code from your authenticator app/, 'the other method is offered');
    assert.doesNotMatch(page.body, /Sign in another way/, 'push is not among the choices while cooling down');
    assert.deepEqual(await pendingOn(phones.fiona!), []);
    clock.advance(30_000);
    const callback = await browser.submit(page, { code: await oathtoolTotp(totpKey, clock.now() / 1000) }, 0);
    assert.ok(isCallback(callback.url));
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['pwd', 'otp', 'mfa']);
  });

  it('refuses more than push.maxPendingPerUser unanswered requests, saying why', async () => {
    await pushPage('pam');
    await pushPage('pam');
    const { page } = await pushPage('pam');
    assert.match(page.body, /Requests are already waiting on your phone/);
    assert.equal((await pendingOn(phones.pam!)).length, 2);
    assert.equal(gh.auditEvents.filter((e) => e.event === 'push.refused' && e.uniqueId === 'pam').at(-1)?.reason, 'too_many_pending');
  });

  it('refuses pushes past push.rateLimit within its window', async () => {
    for (let i = 0; i < 4; i++) {
      const { browser, page } = await pushPage('rex');
      await respond(phones.rex!, '--approve', '--number', String(shownNumber(page)));
      assert.ok(isCallback((await submitForm(browser, page, '/mfa')).url));
    }
    const { page } = await pushPage('rex');
    assert.match(page.body, /Too many requests were sent to your phone/);
    assert.deepEqual(await pendingOn(phones.rex!), []);
  });
});
