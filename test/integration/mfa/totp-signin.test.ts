import assert from 'node:assert/strict';
import type * as client from 'openid-client';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { codeError, enrollTotp, generateRecoveryCodes, signInAnotherWay, submitCode } from './mfa-flows.js';

const PASSWORD = 'correct horse battery';
const MFA = { acr_values: 'urn:gatehouse:acr:mfa' };
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

describe('signing in with a password and TOTP through openid-client', () => {
  let gh: RunningGatehouse;
  let config: client.Configuration;
  let clock: FakeClock;
  let aliceKey: string;
  const now = () => clock.now() / 1000;

  before(async () => {
    clock = createFakeClock(Date.now());
    gh = await startGatehouse({ mfa: { totp: { maxFailures: 3, lockDuration: '5m' } } }, { clock });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson' });
    await gh.addUser('bob', PASSWORD);
    await gh.addUser('carol', PASSWORD);
    aliceKey = await enrollTotp(gh, 'alice', clock);
    config = await discoverClient(gh.url);
  });
  after(() => gh.stop());
  beforeEach(() => clock.advance(30_000));

  it('asks for the code after the password and gives the app tokens saying pwd, otp and mfa', async () => {
    const start = await startAuthorization(config, MFA);
    const browser = appBrowser();
    const page = await signInWithPassword(browser, start, 'alice', PASSWORD);
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1 id="page-title">Verify your identity<\/h1>/);
    assert.match(page.body, /autocomplete="one-time-code"/);
    const callback = await submitCode(browser, page, await oathtoolTotp(aliceKey, now()));
    assert.ok(isCallback(callback.url), `ended at ${callback.url}`);
    const tokens = await redeem(config, start, callback.url);
    const claims = tokens.claims()!;
    assert.deepEqual(claims.amr, ['pwd', 'otp', 'mfa']);
    assert.equal(claims.acr, 'urn:gatehouse:acr:mfa');
    const events = gh.auditEvents.filter((e) => e.event.startsWith('mfa.')).map((e) => `${e.event} ${e.authMode} ${e.result}`);
    assert.deepEqual(events.slice(-2), ['mfa.started totp pending', 'mfa.completed totp success']);
    const json = JSON.stringify(gh.auditEvents);
    assert.ok(!json.includes(aliceKey), 'the TOTP key never reaches the audit');
  });

  it('remembers in the SSO session that MFA was done: a second app asking for MFA asks for nothing', async () => {
    const browser = appBrowser();
    const first = await startAuthorization(config, MFA);
    const page = await signInWithPassword(browser, first, 'alice', PASSWORD);
    assert.ok(isCallback((await submitCode(browser, page, await oathtoolTotp(aliceKey, now()))).url));
    const second = await startAuthorization(config, MFA);
    const callback = await browser.get(second.url.toString());
    assert.ok(isCallback(callback.url), `the second sign-in went straight back, not to ${callback.url}`);
    const claims = (await redeem(config, second, callback.url)).claims()!;
    assert.deepEqual(claims.amr, ['pwd', 'otp', 'mfa']);
  });

  it('does not ask for a code when neither the app nor a policy asks for MFA', async () => {
    const start = await startAuthorization(config);
    const callback = await signInWithPassword(appBrowser(), start, 'alice', PASSWORD);
    assert.ok(isCallback(callback.url));
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['pwd']);
  });

  it('refuses a replayed code with a message tied to the field', async () => {
    const code = await oathtoolTotp(aliceKey, now());
    const first = appBrowser();
    const firstPage = await signInWithPassword(first, await startAuthorization(config, MFA), 'alice', PASSWORD);
    assert.ok(isCallback((await submitCode(first, firstPage, code)).url));
    const second = appBrowser();
    const secondPage = await signInWithPassword(second, await startAuthorization(config, MFA), 'alice', PASSWORD);
    const refused = await submitCode(second, secondPage, code);
    assert.equal(refused.status, 200);
    assert.match(codeError(refused) ?? '', /already been used/);
  });

  it('refuses codes two steps away and says the code is not right', async () => {
    const browser = appBrowser();
    const page = await signInWithPassword(browser, await startAuthorization(config, MFA), 'alice', PASSWORD);
    const early = await submitCode(browser, page, await oathtoolTotp(aliceKey, now() - 60));
    assert.match(codeError(early) ?? '', /not right/);
    const callback = await submitCode(browser, early, await oathtoolTotp(aliceKey, now()));
    assert.ok(isCallback(callback.url), 'the right code still works after a wrong one');
  });

  it('uses a recovery code once, under “Sign in another way”, and refuses it the next time', async () => {
    const bobKey = await enrollTotp(gh, 'bob', clock);
    const [code] = await generateRecoveryCodes(gh, 'bob');
    const start = await startAuthorization(config, MFA);
    const browser = appBrowser();
    const totpPage = await signInWithPassword(browser, start, 'bob', PASSWORD);
    assert.match(totpPage.body, /Sign in another way/);
    const recoveryPage = await signInAnotherWay(browser, totpPage, 'recovery');
    assert.match(recoveryPage.body, /Recovery code/);
    const callback = await submitCode(browser, recoveryPage, code!);
    assert.ok(isCallback(callback.url), `ended at ${callback.url}`);
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['pwd', 'otp', 'mfa']);

    const again = appBrowser();
    const page = await signInAnotherWay(again, await signInWithPassword(again, await startAuthorization(config, MFA), 'bob', PASSWORD), 'recovery');
    assert.match(codeError(await submitCode(again, page, code!)) ?? '', /already been used/);
    assert.ok(bobKey);
  });

  it('does not offer “Sign in another way” to a user whose only method is TOTP', async () => {
    const page = await signInWithPassword(appBrowser(), await startAuthorization(config, MFA), 'alice', PASSWORD);
    assert.doesNotMatch(page.body, /Sign in another way/);
  });

  it('locks TOTP at the configured count, says so on the page, and audits mfa.locked', async () => {
    const carolKey = await enrollTotp(gh, 'carol', clock);
    const browser = appBrowser();
    let page = await signInWithPassword(browser, await startAuthorization(config, MFA), 'carol', PASSWORD);
    for (const code of ['000000', '111111']) {
      page = await submitCode(browser, page, code);
      assert.match(codeError(page) ?? '', /not right/);
    }
    page = await submitCode(browser, page, '222222');
    assert.match(codeError(page) ?? '', /Too many wrong codes: your authenticator app is locked for 5 minutes/);
    page = await submitCode(browser, page, await oathtoolTotp(carolKey, now()));
    assert.match(codeError(page) ?? '', /locked/, 'the right code does not get through');
    assert.equal(gh.auditEvents.filter((e) => e.event === 'mfa.locked' && e.uniqueId === 'carol').length, 1);
    assert.ok(gh.auditEvents.some((e) => e.event === 'mfa.failed' && e.reason === 'locked_out'));
    clock.advance(5 * 60_000 + 30_000);
    const callback = await submitCode(browser, page, await oathtoolTotp(carolKey, now()));
    assert.ok(isCallback(callback.url), 'the lock ends after its duration');
  });

  it('refuses a code that is not six digits with a message about the format', async () => {
    const browser = appBrowser();
    const page = await signInWithPassword(browser, await startAuthorization(config, MFA), 'alice', PASSWORD);
    assert.match(codeError(await submitCode(browser, page, '12ab56')) ?? '', /Enter the 6 digits/);
  });

  it('refuses an MFA form without its CSRF token', async () => {
    const browser = appBrowser();
    const page = await signInWithPassword(browser, await startAuthorization(config, MFA), 'alice', PASSWORD);
    const answer = await browser.submit(page, { code: '123456', csrf: '' }, 0);
    assert.equal(answer.status, 400);
  });
});
