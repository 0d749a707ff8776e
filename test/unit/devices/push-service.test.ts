import assert from 'node:assert/strict';
import { addDevice, deviceBench, sendInput, type DeviceBench } from './device-bench.js';

describe('the push service', () => {
  let bench: DeviceBench;
  beforeEach(async () => {
    bench = await deviceBench();
  });
  afterEach(() => bench.close());

  it('sends a request with a two-digit number and, for passwordless, three different choices that include it', async () => {
    await addDevice(bench, 'u1', { passwordless: true });
    const sent = await bench.service.push.send('passwordless', sendInput('u1'));
    assert.ok(sent.ok);
    assert.ok(sent.number >= 10 && sent.number <= 99);
    const [request] = await bench.service.push.requests.pending('u1');
    assert.equal(request?.number, sent.number);
    assert.equal(new Set(request?.choices).size, 3);
    assert.ok(request?.choices?.includes(sent.number));
    assert.equal(request?.location, 'corpnet', 'the client address 10.1.2.3 is in the named location');
    assert.equal(request?.expiresAt, bench.clock.now() + 60_000);
  });

  it('refuses a passwordless push to a user whose devices are not enabled for it, and any push to a user with none', async () => {
    await addDevice(bench, 'u1');
    assert.deepEqual(await bench.service.push.send('passwordless', sendInput('u1')), { ok: false, reason: 'no_device' });
    assert.deepEqual(await bench.service.push.send('mfa', sendInput('nobody')), { ok: false, reason: 'no_device' });
    assert.equal(bench.events.filter((e) => e.event === 'push.refused').length, 2);
  });

  it('settles a request once: the first of two answers wins and only it is audited and signalled', async () => {
    await addDevice(bench, 'u1');
    const sent = await bench.service.push.send('mfa', sendInput('u1'));
    assert.ok(sent.ok);
    const request = (await bench.service.push.requests.get(sent.requestId))!;
    const at = bench.clock.now();
    const [approve, deny] = await Promise.all([
      bench.service.push.settle(request, { state: 'approved', deviceId: 'd', uv: 'pin', at }),
      bench.service.push.settle(request, { state: 'denied', deviceId: 'd', reason: 'denied', at }),
    ]);
    assert.deepEqual([approve.decided, deny.decided], [true, false]);
    assert.equal(deny.answer.state, 'approved', 'the loser learns the answer that stands');
    assert.deepEqual(await bench.service.push.outcome(sent.requestId), { state: 'approved', uv: 'pin', amr: ['swk', 'pin'] });
    assert.deepEqual(bench.events.filter((e) => e.event.startsWith('push.') && e.event !== 'push.sent').map((e) => e.event), ['push.approved']);
    assert.equal(await bench.service.push.signals.version(request.transactionId), sent.since + 1);
  });

  it('is pending until push.timeout on the clock, then expired, counted once as unanswered', async () => {
    await addDevice(bench, 'u1');
    const sent = await bench.service.push.send('mfa', sendInput('u1'));
    assert.ok(sent.ok);
    bench.clock.advance(59_999);
    assert.equal((await bench.service.push.outcome(sent.requestId)).state, 'pending');
    bench.clock.advance(1);
    assert.deepEqual(await bench.service.push.outcome(sent.requestId), { state: 'expired' });
    assert.deepEqual(await bench.service.push.outcome(sent.requestId), { state: 'expired' });
    assert.equal(bench.events.filter((e) => e.event === 'push.unanswered').length, 1);
    assert.deepEqual(await bench.service.push.requests.pending('u1'), []);
  });

  it('cancels only unanswered requests, and only those of the kind asked', async () => {
    await addDevice(bench, 'u1', { passwordless: true });
    const mfa = await bench.service.push.send('mfa', sendInput('u1', 'tx-a-000000000000000000'));
    const passwordless = await bench.service.push.send('passwordless', sendInput('u1', 'tx-b-000000000000000000'));
    assert.ok(mfa.ok && passwordless.ok);
    assert.equal(await bench.service.push.cancelPending('u1', 'passwordless'), 1);
    assert.equal((await bench.service.push.outcome(passwordless.requestId)).state, 'cancelled');
    assert.equal((await bench.service.push.outcome(mfa.requestId)).state, 'pending');
    assert.equal(await bench.service.push.cancel(passwordless.requestId), false, 'a settled request is not cancelled again');
  });

  it('refuses more pending requests than push.maxPendingPerUser', async () => {
    await addDevice(bench, 'u1');
    for (let i = 0; i < 3; i++) assert.ok((await bench.service.push.send('mfa', sendInput('u1', `tx-${i}-0000000000000000000`))).ok);
    assert.deepEqual(await bench.service.push.send('mfa', sendInput('u1', 'tx-3-0000000000000000000')), { ok: false, reason: 'too_many_pending' });
    bench.clock.advance(60_000);
    assert.ok((await bench.service.push.send('mfa', sendInput('u1', 'tx-4-0000000000000000000'))).ok, 'expired ones no longer count');
  });

  it('refuses pushes past the rate limit until its window has passed', async () => {
    await addDevice(bench, 'u1');
    for (let i = 0; i < 10; i++) {
      const sent = await bench.service.push.send('mfa', sendInput('u1', `tx-${i}-0000000000000000000`));
      assert.ok(sent.ok, `push ${i + 1}`);
      await bench.service.push.cancel(sent.requestId);
    }
    assert.deepEqual(await bench.service.push.send('mfa', sendInput('u1')), { ok: false, reason: 'rate_limited' });
    bench.clock.advance(15 * 60_000);
    assert.ok((await bench.service.push.send('mfa', sendInput('u1'))).ok);
  });

  it('cools down after push.fatigue.failures denied or unanswered requests, audits it once, and pushes again afterwards', async () => {
    await addDevice(bench, 'u1');
    for (let i = 0; i < 3; i++) {
      const sent = await bench.service.push.send('mfa', sendInput('u1', `tx-${i}-0000000000000000000`));
      assert.ok(sent.ok);
      if (i === 1) {
        bench.clock.advance(60_000);
        await bench.service.push.outcome(sent.requestId);
      } else {
        const request = (await bench.service.push.requests.get(sent.requestId))!;
        await bench.service.push.settle(request, { state: 'denied', deviceId: 'd', reason: 'denied', at: bench.clock.now() });
      }
    }
    assert.equal(await bench.service.push.availability('u1'), 'cooling_down');
    assert.deepEqual(await bench.service.push.send('mfa', sendInput('u1')), { ok: false, reason: 'cooling_down' });
    assert.equal(bench.events.filter((e) => e.event === 'push.cooldown').length, 1);
    bench.clock.advance(30 * 60_000);
    assert.equal(await bench.service.push.availability('u1'), 'ok');
  });

  it('sends nothing to a user blocked after a fraud report', async () => {
    await addDevice(bench, 'u1');
    await bench.service.blocks.block('u1', { since: new Date(bench.clock.now()).toISOString(), requestId: 'r', deviceId: 'd' });
    assert.deepEqual(await bench.service.push.send('mfa', sendInput('u1')), { ok: false, reason: 'blocked' });
    assert.equal(await bench.service.blocks.unblock('u1'), true);
    assert.equal(await bench.service.blocks.unblock('u1'), false);
    assert.ok((await bench.service.push.send('mfa', sendInput('u1'))).ok);
  });

  it('wakes the devices of the user that registered a notifier, with nothing but their token', async () => {
    const woken: Array<[string, string]> = [];
    await bench.close();
    bench = await deviceBench({}, { notifiers: [{ type: 'fcm', wake: async (token) => void woken.push(['fcm', token]) }] });
    const id = await addDevice(bench, 'u1');
    const device = (await bench.service.records.get(id))!;
    await bench.service.records.update({ ...device, wake: { type: 'fcm', token: 'registration-token' } });
    await addDevice(bench, 'u1');
    assert.ok((await bench.service.push.send('mfa', sendInput('u1'))).ok);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(woken, [['fcm', 'registration-token']]);
  });
});
