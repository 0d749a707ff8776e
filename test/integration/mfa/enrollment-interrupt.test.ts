import assert from 'node:assert/strict';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { readForms } from '../../helpers/form-browser.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { createFakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { enrollTotp, submitCode } from './mfa-flows.js';

const PASSWORD = 'correct horse battery';
const REQUIRE_MFA = `policies:
  - name: MFA for everyone
    users: { include: all }
    grant: { require: { mfa: true } }
`;
const REQUIRE_PUSH = `policies:
  - name: Push for the app
    users: { include: all }
    grant: { require: { methods: [push] } }
`;
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

describe('a sign-in that needs MFA from a user without a method', () => {
  const clock = createFakeClock(Date.now());
  let gh: RunningGatehouse;

  before(async () => {
    gh = await startGatehouse({}, { clock, policies: REQUIRE_MFA });
    await gh.addUser('newbie', PASSWORD);
    await gh.addUser('veteran', PASSWORD);
  });
  after(() => gh.stop());

  it('asks for more information, sets up TOTP, shows the recovery codes once, then signs in with MFA', async () => {
    const config = await discoverClient(gh.url);
    const start = await startAuthorization(config);
    const browser = appBrowser();
    const interrupt = await signInWithPassword(browser, start, 'newbie', PASSWORD);
    assert.match(interrupt.body, /<h1 id="page-title">More information required<\/h1>/);
    const setup = await browser.submit(interrupt, { method: 'totp' });
    const key = /<code id="totp-key">([^<]+)<\/code>/.exec(setup.body)?.[1]?.replace(/\s+/g, '');
    assert.ok(key, 'the key is shown as text');
    assert.match(setup.body, /<img src="data:image\/png;base64,[^"]+" alt="QR code/);
    const wrong = await submitCode(browser, setup, '000000');
    assert.match(wrong.body, /not right/);
    const codes = await submitCode(browser, wrong, await oathtoolTotp(key, clock.now() / 1000));
    const shown = [...codes.body.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((m) => m[1]);
    assert.equal(shown.length, 10, 'ten recovery codes are shown');
    const again = await browser.get(codes.url.replace(/\/mfa\/enroll\/confirm$/, ''));
    assert.doesNotMatch(again.body, /<ul id="recovery-codes">/, 'and only once');
    const callback = await browser.submit(again, {}, readForms(again.body).findIndex((f) => f.action.endsWith('/mfa/continue')));
    assert.ok(isCallback(callback.url), `ended at ${callback.url}`);
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['pwd', 'otp', 'mfa']);
  });

  it('asks a user who has TOTP for the code when the policy requires MFA, without the app asking', async () => {
    const key = await enrollTotp(gh, 'veteran', clock);
    const config = await discoverClient(gh.url);
    const browser = appBrowser();
    const page = await signInWithPassword(browser, await startAuthorization(config), 'veteran', PASSWORD);
    assert.match(page.body, /Verify your identity/);
    assert.ok(isCallback((await submitCode(browser, page, await oathtoolTotp(key, clock.now() / 1000))).url));
  });
});

describe('a sign-in that needs MFA when enrolling during sign-in is not allowed', () => {
  const gatehouses: RunningGatehouse[] = [];
  after(() => Promise.all(gatehouses.map((gh) => gh.stop())));

  for (const [name, overrides] of [
    ['mfa.enrollOnSignin is off', { mfa: { enrollOnSignin: false } }],
    ['portal.selfEnrollment is off', { portal: { selfEnrollment: false } }],
  ] as const) {
    it(`denies a user without a method with a clear message when ${name}`, async () => {
      const gh = await startGatehouse(overrides, { policies: REQUIRE_MFA });
      gatehouses.push(gh);
      await gh.addUser('newbie', PASSWORD);
      const page = await signInWithPassword(appBrowser(), await startAuthorization(await discoverClient(gh.url)), 'newbie', PASSWORD);
      assert.equal(page.status, 403);
      assert.match(page.body, /needs a second verification method, and none is available to you/);
    });
  }

  it('denies a user whose methods do not include the one a policy names', async () => {
    const clock = createFakeClock(Date.now());
    const gh = await startGatehouse({}, { clock, policies: REQUIRE_PUSH });
    gatehouses.push(gh);
    await gh.addUser('alice', PASSWORD);
    await enrollTotp(gh, 'alice', clock);
    const page = await signInWithPassword(appBrowser(), await startAuthorization(await discoverClient(gh.url)), 'alice', PASSWORD);
    assert.equal(page.status, 403);
    assert.match(page.body, /none is available to you/);
  });
});
