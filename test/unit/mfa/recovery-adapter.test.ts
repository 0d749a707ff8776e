import assert from 'node:assert/strict';
import { createRecoveryAdapter } from '../../../src/mfa/adapters/recovery/recovery-adapter.js';
import { normalizeRecoveryCode } from '../../../src/mfa/adapters/recovery/recovery-codes.js';
import type { EnrollableMfaAdapter } from '../../../src/mfa/types.js';
import type { DirectoryUser } from '../../../src/directory/types.js';
import { adapterBench, signinCtx, testUser, type AdapterBench } from './adapter-deps.js';

describe('the recovery-code adapter', () => {
  let bench: AdapterBench;
  let recovery: EnrollableMfaAdapter;

  async function generate(user: DirectoryUser): Promise<string[]> {
    const result = await recovery.finishEnrollment(user, signinCtx(), {});
    assert.equal(result.kind, 'ok');
    return (result.kind === 'ok' ? result.view?.data.codes : []) as string[];
  }

  beforeEach(async () => {
    bench = await adapterBench('recovery');
    recovery = createRecoveryAdapter({}, bench.deps);
  });
  afterEach(() => bench.close());

  it('generates ten distinct codes of 80 random bits, stored only as hashes', async () => {
    const user = testUser();
    const codes = await generate(user);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
    const stored = JSON.stringify(await bench.store.getRecord('mfa.recovery.codes', user.id));
    for (const code of codes) {
      assert.ok(!stored.includes(code) && !stored.includes(normalizeRecoveryCode(code)!), 'no code in the clear');
    }
    assert.equal(recovery.metadata.fallback, true);
  });

  it('accepts each code once, however it is typed, and refuses it the second time', async () => {
    const user = testUser();
    const [first, second] = await generate(user);
    assert.deepEqual(await recovery.tryEnd(user, signinCtx(), { code: first!.toUpperCase().replace(/-/g, ' ') }), { kind: 'ok', amr: ['otp'] });
    const again = await recovery.tryEnd(user, signinCtx(), { code: first! });
    assert.equal(again.kind === 'retry' && again.reason, 'replayed');
    assert.match(again.kind === 'retry' ? again.message : '', /already been used/);
    assert.equal((await recovery.tryEnd(user, signinCtx(), { code: second! })).kind, 'ok');
    assert.match((await recovery.enrollmentOf(user))?.detail ?? '', /8 of 10 codes left/);
  });

  it('lets only one of two concurrent sign-ins spend the same code', async () => {
    const user = testUser();
    const [code] = await generate(user);
    const results = await Promise.all([recovery.tryEnd(user, signinCtx(), { code: code! }), recovery.tryEnd(user, signinCtx(), { code: code! })]);
    assert.deepEqual(results.map((r) => r.kind).sort(), ['ok', 'retry']);
  });

  it('stops working for old codes when new ones are generated', async () => {
    const user = testUser();
    const [old] = await generate(user);
    const [fresh] = await generate(user);
    assert.equal((await recovery.tryEnd(user, signinCtx(), { code: old! })).kind, 'retry');
    assert.equal((await recovery.tryEnd(user, signinCtx(), { code: fresh! })).kind, 'ok');
  });

  it('is available only while the user has unused codes', async () => {
    const user = testUser();
    assert.equal(await recovery.isAvailableForUser(user, signinCtx()), false);
    const codes = await generate(user);
    assert.equal(await recovery.isAvailableForUser(user, signinCtx()), true);
    for (const code of codes) assert.equal((await recovery.tryEnd(user, signinCtx(), { code })).kind, 'ok');
    assert.equal(await recovery.isAvailableForUser(user, signinCtx()), false);
  });

  it('refuses a malformed code by its format, and one user’s code for another user', async () => {
    const alice = testUser();
    const bob = testUser();
    const [aliceCode] = await generate(alice);
    await generate(bob);
    const malformed = await recovery.tryEnd(alice, signinCtx(), { code: 'abc' });
    assert.equal(malformed.kind === 'retry' && malformed.reason, 'malformed');
    const stolen = await recovery.tryEnd(bob, signinCtx(), { code: aliceCode! });
    assert.equal(stolen.kind === 'retry' && stolen.reason, 'invalid', 'one user’s code does not work for another');
  });

  it('locks after ten wrong codes', async () => {
    const user = testUser();
    const [code] = await generate(user);
    const reasons: string[] = [];
    for (let i = 0; i < 10; i++) {
      const result = await recovery.tryEnd(user, signinCtx(), { code: 'aaaa-bbbb-cccc-dddd' });
      reasons.push(result.kind === 'retry' ? result.reason ?? '' : result.kind);
    }
    assert.equal(reasons.at(-1), 'locked');
    const right = await recovery.tryEnd(user, signinCtx(), { code: code! });
    assert.equal(right.kind === 'retry' && right.reason, 'locked_out');
  });

  it('forgets every code when removed', async () => {
    const user = testUser();
    const [code] = await generate(user);
    await recovery.removeEnrollment(user);
    assert.equal(await recovery.enrollmentOf(user), null);
    assert.equal((await recovery.tryEnd(user, signinCtx(), { code: code! })).kind, 'retry');
  });
});
