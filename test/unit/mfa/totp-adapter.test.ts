import assert from 'node:assert/strict';
import { createTotpAdapter } from '../../../src/mfa/adapters/totp/totp-adapter.js';
import { matchTotpCode } from '../../../src/mfa/adapters/totp/totp-code.js';
import type { EnrollableMfaAdapter, MfaView } from '../../../src/mfa/types.js';
import type { DirectoryUser } from '../../../src/directory/types.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { adapterBench, signinCtx, testUser, type AdapterBench } from './adapter-deps.js';

const keyOf = (view: MfaView) => String(view.data.key).replace(/\s+/g, '');

describe('the TOTP adapter', () => {
  let bench: AdapterBench;
  let totp: EnrollableMfaAdapter;
  let verifications = 0;
  const now = () => Math.floor(bench.clock.now() / 1000);
  const step = () => bench.clock.advance(30_000);

  /** Enrolls a user with a code from oathtool; returns the Base32 key the page showed. */
  async function enroll(user: DirectoryUser): Promise<string> {
    const key = keyOf(await totp.beginEnrollment(user, signinCtx()));
    const result = await totp.finishEnrollment(user, signinCtx(), { code: await oathtoolTotp(key, now()) });
    assert.equal(result.kind, 'ok');
    step();
    return key;
  }

  beforeEach(async () => {
    bench = await adapterBench('totp');
    verifications = 0;
    const counting: typeof matchTotpCode = (...args) => (verifications++, matchTotpCode(...args));
    totp = createTotpAdapter({ maxFailures: 3, lockDuration: 10 * 60_000, sourceMaxFailures: 1000, sourceWindow: 60_000 }, bench.deps, { match: counting });
  });
  afterEach(() => bench.close());

  it('is not available until enrollment is confirmed by a first code', async () => {
    const user = testUser();
    const view = await totp.beginEnrollment(user, signinCtx());
    assert.match(String(view.data.qr), /^data:image\/png;base64,/);
    assert.equal(await totp.isAvailableForUser(user, signinCtx()), false, 'a shown key does not count yet');
    assert.equal(keyOf(await totp.beginEnrollment(user, signinCtx())), keyOf(view), 'showing the page again keeps the same key');
    const wrong = await totp.finishEnrollment(user, signinCtx(), { code: '000000' });
    assert.equal(wrong.kind, 'retry');
    assert.equal(await totp.isAvailableForUser(user, signinCtx()), false);
    const right = await totp.finishEnrollment(user, signinCtx(), { code: await oathtoolTotp(keyOf(view), now()) });
    assert.equal(right.kind, 'ok');
    assert.equal(await totp.isAvailableForUser(user, signinCtx()), true);
    assert.ok((await totp.enrollmentOf(user))?.createdAt);
  });

  it('accepts a code produced by oathtool and says otp', async () => {
    const user = testUser();
    const key = await enroll(user);
    assert.deepEqual(await totp.tryEnd(user, signinCtx(), { code: await oathtoolTotp(key, now()) }), { kind: 'ok', amr: ['otp'] });
  });

  it('refuses a replayed code in the same window, and an earlier step after a later one was used', async () => {
    const user = testUser();
    const key = await enroll(user);
    const code = await oathtoolTotp(key, now());
    assert.equal((await totp.tryEnd(user, signinCtx(), { code })).kind, 'ok');
    const replay = await totp.tryEnd(user, signinCtx('198.51.100.7'), { code });
    assert.equal(replay.kind, 'retry');
    assert.equal(replay.kind === 'retry' && replay.reason, 'replayed');
    assert.match(replay.kind === 'retry' ? replay.message : '', /already been used/);
    const next = await oathtoolTotp(key, now() + 30);
    assert.equal((await totp.tryEnd(user, signinCtx(), { code: next })).kind, 'ok', 'the next step is still fine');
    const previous = await oathtoolTotp(key, now() - 30);
    assert.equal((await totp.tryEnd(user, signinCtx(), { code: previous })).kind, 'retry', 'an older step is refused once a newer was used');
  });

  it('accepts exactly one of two concurrent requests with the same code', async () => {
    const user = testUser();
    const key = await enroll(user);
    const code = await oathtoolTotp(key, now());
    const results = await Promise.all([totp.tryEnd(user, signinCtx(), { code }), totp.tryEnd(user, signinCtx(), { code })]);
    assert.deepEqual(results.map((r) => r.kind).sort(), ['ok', 'retry']);
  });

  it('refuses codes outside one step either side', async () => {
    const user = testUser();
    const key = await enroll(user);
    const lenient = createTotpAdapter({ maxFailures: 100 }, bench.deps);
    for (const offset of [-120, -90, -60, 60, 90, 120]) {
      const result = await lenient.tryEnd(user, signinCtx(), { code: await oathtoolTotp(key, now() + offset) });
      assert.equal(result.kind === 'retry' && result.reason, 'invalid', `offset ${offset}s`);
    }
  });

  it('locks the method at the configured count, says so, and refuses even the right code while locked', async () => {
    const user = testUser();
    const key = await enroll(user);
    const first = await totp.tryEnd(user, signinCtx(), { code: '000000' });
    const second = await totp.tryEnd(user, signinCtx(), { code: '000001' });
    assert.deepEqual([first, second].map((r) => r.kind === 'retry' && r.reason), ['invalid', 'invalid']);
    const third = await totp.tryEnd(user, signinCtx(), { code: '000002' });
    assert.equal(third.kind === 'retry' && third.reason, 'locked', 'the third failure locks (maxFailures: 3)');
    assert.match(third.kind === 'retry' ? third.message : '', /locked for 10 minutes/);
    const right = await totp.tryEnd(user, signinCtx(), { code: await oathtoolTotp(key, now()) });
    assert.equal(right.kind === 'retry' && right.reason, 'locked_out', 'a right code does not get through a lock');
    bench.clock.advance(10 * 60_000 + 1000);
    assert.equal((await totp.tryEnd(user, signinCtx(), { code: await oathtoolTotp(key, now()) })).kind, 'ok', 'the lock ends after lockDuration');
  });

  it('runs the same path for a wrong code and a locked method: one verification and the same Store calls', async () => {
    const fresh = testUser('fresh');
    const locked = testUser('locked');
    await enroll(fresh);
    const lockedKey = await enroll(locked);
    for (const code of ['111111', '222222', '333333']) await totp.tryEnd(locked, signinCtx(), { code });

    const trace = async (user: DirectoryUser, code: string) => {
      bench.calls.length = 0;
      verifications = 0;
      const result = await totp.tryEnd(user, signinCtx(), { code });
      const calls = bench.calls.map((call) => call.replaceAll(user.id, 'USER').replace(/USER:[A-Za-z0-9_-]{12}/g, 'USER:REGISTRATION'));
      return { result, verifications, calls };
    };
    const wrong = await trace(fresh, '444444');
    const lockedWrong = await trace(locked, '444444');
    const lockedRight = await trace(locked, await oathtoolTotp(lockedKey, now()));
    assert.equal(wrong.result.kind === 'retry' && wrong.result.reason, 'invalid');
    assert.equal(lockedWrong.result.kind === 'retry' && lockedWrong.result.reason, 'locked_out');
    assert.equal(lockedRight.result.kind === 'retry' && lockedRight.result.reason, 'locked_out');
    assert.deepEqual([wrong.verifications, lockedWrong.verifications, lockedRight.verifications], [1, 1, 1]);
    assert.ok(wrong.calls.length >= 4, wrong.calls.join(", "));
    assert.deepEqual(lockedWrong.calls, wrong.calls);
    assert.deepEqual(lockedRight.calls, wrong.calls);
  });

  it('refuses a source address past its own limit without locking the user', async () => {
    const strict = createTotpAdapter({ maxFailures: 100, sourceMaxFailures: 2, sourceWindow: 60_000 }, bench.deps);
    const user = testUser();
    const key = keyOf(await strict.beginEnrollment(user, signinCtx()));
    assert.equal((await strict.finishEnrollment(user, signinCtx(), { code: await oathtoolTotp(key, now()) })).kind, 'ok');
    step();
    const attacker = signinCtx('203.0.113.66');
    await strict.tryEnd(user, attacker, { code: '000000' });
    await strict.tryEnd(user, attacker, { code: '000001' });
    const limited = await strict.tryEnd(user, attacker, { code: await oathtoolTotp(key, now()) });
    assert.equal(limited.kind === 'retry' && limited.reason, 'rate_limited');
    assert.equal((await strict.tryEnd(user, signinCtx('192.0.2.99'), { code: await oathtoolTotp(key, now()) })).kind, 'ok', 'the user elsewhere is not locked');
  });

  it('refuses malformed input without counting it, with a message about the format', async () => {
    const user = testUser();
    await enroll(user);
    verifications = 0;
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x']) {
      const result = await totp.tryEnd(user, signinCtx(), { code });
      assert.equal(result.kind === 'retry' && result.reason, 'malformed', JSON.stringify(code));
    }
    assert.equal(verifications, 0);
  });

  it('keeps the key sealed in the Store: no Base32 key in the record, and it opens for its own user only', async () => {
    const user = testUser();
    const key = await enroll(user);
    const record = await bench.store.getRecord<{ sealedSecret: string }>('mfa.totp.registration', user.id);
    assert.ok(record);
    assert.doesNotMatch(JSON.stringify(record), new RegExp(key));
    assert.match(record.sealedSecret, /^v1\./);
    assert.equal(bench.deps.secrets.open(record.sealedSecret, user.id), key);
    assert.throws(() => bench.deps.secrets.open(record.sealedSecret, 'another-user'));
  });

  it('forgets the key, the pending key and any lock when removed', async () => {
    const user = testUser();
    await enroll(user);
    for (const code of ['111111', '222222', '333333']) await totp.tryEnd(user, signinCtx(), { code });
    await totp.removeEnrollment(user);
    assert.equal(await totp.isAvailableForUser(user, signinCtx()), false);
    assert.equal(await totp.enrollmentOf(user), null);
    const key = await enroll(user);
    assert.equal((await totp.tryEnd(user, signinCtx(), { code: await oathtoolTotp(key, now()) })).kind, 'ok', 'a new enrollment starts unlocked');
  });

  it('starts a new enrollment unlocked even when the old lock could not be cleared (a reset from another process)', async () => {
    const user = testUser();
    await enroll(user);
    for (const code of ['111111', '222222', '333333']) await totp.tryEnd(user, signinCtx(), { code });
    await bench.store.deleteRecord('mfa.totp.registration', user.id); // what the CLI's reset does to a running node
    const key = await enroll(user);
    assert.equal((await totp.tryEnd(user, signinCtx(), { code: await oathtoolTotp(key, now()) })).kind, 'ok');
  });
});
