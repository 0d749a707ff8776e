import assert from 'node:assert/strict';
import { pino } from 'pino';
import { createDeviceService, type DeviceService } from '../../../src/devices/index.js';
import { checkAdapter, isEnrollable } from '../../../src/mfa/index.js';
import { createPushAdapter } from '../../../src/mfa/adapters/push/push-adapter.js';
import type { EnrollableMfaAdapter } from '../../../src/mfa/types.js';
import { SETTINGS } from '../devices/device-bench.js';
import { adapterBench, signinCtx, testUser, type AdapterBench } from './adapter-deps.js';

describe('the push adapter', () => {
  let bench: AdapterBench;
  let service: DeviceService;
  let push: EnrollableMfaAdapter;
  const user = testUser();

  beforeEach(async () => {
    bench = await adapterBench('push');
    service = createDeviceService({ store: bench.store, clock: bench.clock, settings: SETTINGS, publicUrl: 'https://idp.example.org', organizationName: 'Example Org', locations: {} });
    push = createPushAdapter({ service, relyingParties: { app: 'Team Wiki' } }, bench.deps);
  });
  afterEach(() => bench.close());

  async function addPhone(): Promise<string> {
    const id = 'AbCdEfGhIjKlMnOpQrStUvWx';
    await service.records.add({ id, userId: user.id, login: user.login, name: 'Pixel', platform: 'android', publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, createdAt: new Date(bench.clock.now()).toISOString(), passwordless: true }, 5);
    return id;
  }

  it('fits the MfaAdapter interface, is enrollable, belongs to the mobile app and can serve as a first factor', () => {
    assert.deepEqual(checkAdapter(push), []);
    assert.ok(isEnrollable(push));
    assert.equal(push.metadata.mobileApp, true);
    assert.equal(push.metadata.firstFactor, true);
    assert.equal(push.metadata.phishingResistant, false);
  });

  it('is never offered when Gatehouse did not hand it the device service', async () => {
    const inert = createPushAdapter({}, { ...bench.deps, logger: pino({ level: 'silent' }) });
    assert.deepEqual(checkAdapter(inert), []);
    assert.equal(await inert.isAvailableForUser(user, signinCtx()), false);
    assert.equal(await (inert as EnrollableMfaAdapter).enrollmentOf(user), null);
  });

  it('is available once the user has a phone, and lists the phones as its enrollment', async () => {
    assert.equal(await push.isAvailableForUser(user, signinCtx()), false);
    await addPhone();
    assert.equal(await push.isAvailableForUser(user, signinCtx()), true);
    assert.deepEqual(await push.enrollmentOf(user), { createdAt: new Date(bench.clock.now()).toISOString(), detail: 'Pixel (passwordless)' });
  });

  it('shows the number, waits, then reports the approval with what the app said about the unlock', async () => {
    const deviceId = await addPhone();
    const ctx = signinCtx();
    const view = await push.begin(user, ctx);
    assert.equal(view.template, 'mfa/push.njk');
    const { number, expiresAt } = view.data as { number: number; expiresAt: number };
    assert.equal(expiresAt, bench.clock.now() + SETTINGS.timeout);
    assert.deepEqual(await push.tryEnd(user, ctx, {}), { kind: 'pending' });
    const [request] = await service.push.requests.pending(user.id);
    assert.equal(request?.rpName, 'Team Wiki');
    assert.equal(request?.number, number);
    await service.push.settle(request!, { state: 'approved', deviceId, uv: 'fingerprint', at: bench.clock.now() });
    assert.deepEqual(await push.tryEnd(user, ctx, {}), { kind: 'ok', amr: ['swk', 'fpt'] });
  });

  it('fails on a denial or a wrong number, and asks again after the timeout', async () => {
    await addPhone();
    const ctx = signinCtx();
    await push.begin(user, ctx);
    const [request] = await service.push.requests.pending(user.id);
    await service.push.settle(request!, { state: 'denied', deviceId: 'd', reason: 'wrong_number', at: bench.clock.now() });
    assert.equal((await push.tryEnd(user, ctx, {})).kind, 'fail');

    const later = signinCtx();
    await push.begin(user, later);
    bench.clock.advance(SETTINGS.timeout);
    const timedOut = await push.tryEnd(user, later, {});
    assert.equal(timedOut.kind, 'retry');
    assert.match((timedOut as { message: string }).message, /did not answer in time/);
  });

  it('cancels its earlier request when begun again in the same sign-in', async () => {
    await addPhone();
    const ctx = signinCtx();
    await push.begin(user, ctx);
    await push.begin(user, ctx);
    assert.equal((await service.push.requests.pending(user.id)).length, 1);
  });

  it('shows an activation QR code for the app, and finishes only once the app has activated', async () => {
    const view = await push.beginEnrollment(user, signinCtx());
    assert.equal(view.template, 'mfa/push-enroll.njk');
    assert.match(String(view.data.url), /^https:\/\/idp\.example\.org\/device\/v1\/activate\?code=[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.match(String(view.data.qr), /^data:image\/png;base64,/);
    assert.equal((await push.finishEnrollment(user, signinCtx(), {})).kind, 'retry');
    await service.activation.markActivated(user.id, 'Pixel');
    assert.equal((await push.finishEnrollment(user, signinCtx(), {})).kind, 'ok');
  });

  it('removes every phone and pending request of the user when removed', async () => {
    await addPhone();
    await push.begin(user, signinCtx());
    await push.removeEnrollment(user);
    assert.deepEqual(await service.records.list(user.id), []);
    assert.deepEqual(await service.push.requests.pending(user.id), []);
  });
});
