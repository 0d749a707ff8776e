import assert from 'node:assert/strict';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as client from 'openid-client';
import { generateKeyPair, exportJWK } from 'jose';
import { appBrowser, discoverClient, redeem, startAuthorization } from '../../helpers/oidc-client.js';
import type { FormBrowser, BrowserResponse } from '../../helpers/form-browser.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { activationUrl, activationView, cli, issuedActivationUrl, createShiftableClock, enrollPhone, pendingOn, respond, shownNumber, submitForm, type ShiftableClock } from '../push/push-flows.js';
import { handmadeCall, loadProfile, send } from './signed-request.js';

const PASSWORD = 'correct horse battery';
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

describe('the device API, spoken by the reference authenticator', () => {
  let gh: RunningGatehouse;
  let clock: ShiftableClock;
  let config: client.Configuration;
  let alicePhone: string;

  async function passwordlessPage(login: string): Promise<{ browser: FormBrowser; page: BrowserResponse; start: Awaited<ReturnType<typeof startAuthorization>> }> {
    const start = await startAuthorization(config);
    const browser = appBrowser();
    const page = await browser.submit(await browser.get(start.url.toString()), { username: login });
    assert.match(page.body, /Approve the sign-in on your phone/);
    return { browser, page, start };
  }

  before(async () => {
    clock = createShiftableClock();
    gh = await startGatehouse(
      { organization: { name: 'Example Corp', logo: null }, locations: { corpnet: ['127.0.0.0/8'] }, push: { timeout: '20s', maxDevicesPerUser: 2 } },
      { clock },
    );
    for (const login of ['alice', 'bob', 'carol', 'dave']) await gh.addUser(login, PASSWORD);
    alicePhone = await enrollPhone(gh, 'alice', 'alice-phone', { passwordless: true });
    config = await discoverClient(gh.url);
  });
  after(() => gh.stop());

  it('activates from the QR code’s URL, keeps the key in a private profile, and names the account after the organization', async () => {
    const profile = join(gh.dir, 'bob-phone.json');
    const run = await cli(['authenticator', 'enroll', await activationUrl(gh, 'bob'), '--profile', profile, '--name', 'Bob’s phone']);
    assert.equal(run.code, 0, run.err.join('\n'));
    assert.deepEqual(run.out, [`enrolled Bob’s phone for bob (Example Corp) at ${gh.url}`]);
    assert.equal((await stat(profile)).mode & 0o777, 0o600);
    const saved = await loadProfile(profile);
    assert.ok(saved.privateJwk.d, 'the private key stays in the profile');
    const user = await gh.gatehouse.registry.directory.findUser('bob');
    const devices = await gh.gatehouse.registry.devices.records.list(user!.id);
    assert.deepEqual(devices.map((d) => [d.name, d.platform, d.passwordless]), [['Bob’s phone', 'cli', false]]);
    assert.ok(!JSON.stringify(devices).includes(String(saved.privateJwk.d)), 'the service never sees the private key');
    const activated = gh.auditEvents.find((e) => e.event === 'device.activated' && e.uniqueId === 'bob');
    assert.equal(activated?.result, 'success');
    assert.ok(!JSON.stringify(gh.auditEvents).includes(String(saved.privateJwk.x)), 'device keys never reach the audit');
  });

  it('activates from the code alone, taking the service address from the config’s issuer', async () => {
    const file = join(gh.dir, 'cli-config.yaml');
    await writeFile(file, `issuer: ${gh.url}\ndataDir: ./unused\n`);
    const code = new URL(await activationUrl(gh, 'carol')).searchParams.get('code')!;
    const run = await cli(['authenticator', 'enroll', code.toLowerCase(), '--profile', join(gh.dir, 'carol-phone.json'), '--config', file]);
    assert.equal(run.code, 0, run.err.join('\n'));
    assert.match(run.out[0]!, /^enrolled .* for carol \(Example Corp\)/);
  });

  it('refuses an activation code the second time it is used, with one line and exit 1', async () => {
    const url = await activationUrl(gh, 'dave');
    assert.equal((await cli(['authenticator', 'enroll', url, '--profile', join(gh.dir, 'dave-1.json')])).code, 0);
    const again = await cli(['authenticator', 'enroll', url, '--profile', join(gh.dir, 'dave-2.json')]);
    assert.equal(again.code, 1);
    assert.equal(again.err.length, 1);
    assert.match(again.err[0]!, /activation code is not valid.*\(400 invalid_code\)/);
  });

  it('refuses a device past push.maxDevicesPerUser with a clear error, and takes the same code once a phone is removed', async () => {
    const second = await enrollPhone(gh, 'dave', 'dave-second');
    assert.equal((await activationView(gh, 'dave')).full, true, 'the portal shows no QR code at the limit');
    const url = await issuedActivationUrl(gh, 'dave');
    const third = await cli(['authenticator', 'enroll', url, '--profile', join(gh.dir, 'dave-3.json')]);
    assert.equal(third.code, 1);
    assert.match(third.err[0]!, /You already have 2 devices, the most allowed\. Remove one in the portal.*\(409 device_limit\)/);
    const profile = await loadProfile(second);
    assert.equal((await send(await handmadeCall(profile, 'DELETE', '/device/v1/device'))).status, 204);
    assert.equal((await cli(['authenticator', 'enroll', url, '--profile', join(gh.dir, 'dave-3.json')])).code, 0);
  });

  it('shows the app who asks, from which address and named location, and three numbers to choose from', async () => {
    const { page, browser } = await passwordlessPage('alice');
    const [request] = await pendingOn(alicePhone);
    assert.ok(request);
    assert.equal(request.kind, 'passwordless');
    assert.equal(request.rp.name, 'Test App');
    assert.deepEqual(request.client, { ip: '127.0.0.1', location: 'corpnet' });
    assert.equal(request.match.type, 'choose');
    assert.ok(request.match.type === 'choose' && request.match.choices.length === 3 && request.match.choices.includes(shownNumber(page)));
    await submitForm(browser, page, '/passwordless/password');
  });

  it('refuses an answer signed with another key, and the sign-in still waits for the real phone', async () => {
    const { browser, page, start } = await passwordlessPage('alice');
    const [request] = await pendingOn(alicePhone);
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const forged = await handmadeCall(await loadProfile(alicePhone), 'POST', `/device/v1/requests/${request!.id}/answer`, { action: 'approve', number: shownNumber(page), uv: 'pin' }, { privateJwk: await exportJWK(privateKey) });
    const refused = await send(forged);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error, 'invalid_signature');
    assert.match((await submitForm(browser, page, '/passwordless')).body, /Approve the sign-in on your phone/, 'the sign-in still waits');
    assert.equal((await respond(alicePhone, '--approve', '--number', String(shownNumber(page)))).code, 0);
    const callback = await submitForm(browser, page, '/passwordless');
    assert.ok(isCallback(callback.url));
    assert.deepEqual((await redeem(config, start, callback.url)).claims()!.amr, ['swk', 'pin', 'mfa']);
  });

  it('refuses a replayed answer: the same signed call sent twice counts once', async () => {
    const { browser, page } = await passwordlessPage('alice');
    const [request] = await pendingOn(alicePhone);
    const call = await handmadeCall(await loadProfile(alicePhone), 'POST', `/device/v1/requests/${request!.id}/answer`, { action: 'deny' });
    assert.deepEqual(await send(call), { status: 200, body: { result: 'denied', reason: 'denied' } });
    const replayed = await send(call);
    assert.equal(replayed.status, 401);
    assert.equal(replayed.body.error, 'replayed');
    const failed = await submitForm(browser, page, '/passwordless');
    assert.equal(failed.status, 403);
    assert.match(failed.body, /denied on your phone/);
  });

  it('answers each request once: a second answer is refused and the first stands', async () => {
    const { page, browser } = await passwordlessPage('alice');
    const [request] = await pendingOn(alicePhone);
    assert.equal((await respond(alicePhone, '--request', request!.id, '--approve', '--number', String(shownNumber(page)))).code, 0);
    assert.deepEqual(await pendingOn(alicePhone), [], 'nothing is pending once answered');
    const again = await send(await handmadeCall(await loadProfile(alicePhone), 'POST', `/device/v1/requests/${request!.id}/answer`, { action: 'deny' }));
    assert.deepEqual([again.status, again.body.error], [409, 'already_answered']);
    assert.ok(isCallback((await submitForm(browser, page, '/passwordless')).url), 'the first answer stands');
  });

  it('refuses calls from an unknown device, with a stale time, for another path or with another body', async () => {
    const profile = await loadProfile(alicePhone);
    const cases: Array<[string, Parameters<typeof handmadeCall>[4], string]> = [
      ['unknown device', { kid: 'AAAAAAAAAAAAAAAAAAAAAAAA' }, 'unknown_device'],
      ['stale time', { iatShift: -600 }, 'stale'],
      ['future time', { iatShift: 600 }, 'stale'],
      ['another path', { signedPath: '/device/v1/device' }, 'wrong_target'],
    ];
    for (const [what, bend, code] of cases) {
      const refused = await send(await handmadeCall(profile, 'GET', '/device/v1/requests', undefined, bend));
      assert.deepEqual([refused.status, refused.body.error], [401, code], what);
    }
    const tampered = await send(await handmadeCall(profile, 'PATCH', '/device/v1/device', { passwordless: false }, { signedBody: JSON.stringify({ name: 'x' }) }));
    assert.deepEqual([tampered.status, tampered.body.error], [401, 'body_mismatch']);
    const unsigned = await fetch(`${gh.url}/device/v1/requests`);
    assert.equal(unsigned.status, 401);
    assert.equal(((await unsigned.json()) as { error: string }).error, 'invalid_signature');
  });

  it('refuses an answer once the request has expired, and the sign-in goes to the password page', async () => {
    const { browser, page } = await passwordlessPage('alice');
    const [request] = await pendingOn(alicePhone);
    clock.advance(21_000);
    const late = await respond(alicePhone, '--request', request!.id, '--approve', '--number', String(shownNumber(page)));
    assert.equal(late.code, 1);
    assert.match(late.err[0]!, /\(410 expired\)/);
    const passwordPage = await submitForm(browser, page, '/passwordless');
    assert.match(passwordPage.body, /Enter your password/);
    assert.match(passwordPage.body, /did not answer in time/);
  });

  it('hands a request to a waiting long poll as soon as it is sent', async () => {
    const waiting = cli(['authenticator', 'pending', '--profile', alicePhone, '--wait', '30', '--json']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { browser, page } = await passwordlessPage('alice');
    const run = await waiting;
    const requests = JSON.parse(run.out.join('\n')) as Array<{ kind: string }>;
    assert.deepEqual(requests.map((r) => r.kind), ['passwordless']);
    await submitForm(browser, page, '/passwordless/password');
  });

  it('keeps passwordless requests from a device that is not enabled for passwordless', async () => {
    const bobPhone = join(gh.dir, 'bob-phone.json');
    const bob = await gh.gatehouse.registry.directory.findUser('bob');
    const sent = await gh.gatehouse.registry.devices.push.send('passwordless', { userId: bob!.id, login: 'bob', transactionId: 'AAAAAAAAAAAAAAAAAAAAAAAA', rpId: 'app', rpName: 'Test App', clientIp: '127.0.0.1' });
    assert.deepEqual(sent, { ok: false, reason: 'no_device' }, 'no passwordless push goes to a user without a passwordless device');
    assert.deepEqual(await pendingOn(bobPhone), []);
  });
});
