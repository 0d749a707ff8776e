import assert from 'node:assert/strict';
import { createMemorySink, createAudit } from '../../../src/audit/index.js';
import { EmbeddedDirectory } from '../../../src/directory/index.js';
import { createDefaultAccessDecider } from '../../../src/signin/access-decider.js';
import type { SigninDeps } from '../../../src/signin/deps.js';
import { SsoSessions } from '../../../src/signin/sso-sessions.js';
import { submitPassword, MAX_PASSWORD_TRIES_PER_SIGNIN } from '../../../src/signin/steps/check-password.js';
import { completeSignin } from '../../../src/signin/steps/complete-signin.js';
import { evaluateAccess } from '../../../src/signin/steps/evaluate-access.js';
import { startSignin } from '../../../src/signin/steps/start-signin.js';
import { TransactionRepository } from '../../../src/signin/transaction-repository.js';
import type { SigninRequest } from '../../../src/signin/types.js';
import { createEmbeddedStore, type Store } from '../../../src/store/index.js';
import { createFakeClock } from '../../helpers/store-contract.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

describe('the sign-in steps', () => {
  let dir: string;
  let store: Store;
  let deps: SigninDeps;
  let events: ReturnType<typeof createMemorySink>['events'];
  const origin = { protocol: 'oidc' as const, rpId: 'app', rpName: 'App', handle: 'uid-1' };
  const request = (extra: Partial<SigninRequest> = {}): SigninRequest => ({ forceAuthn: false, requestedContext: null, ...extra });
  const begin = (extra: Partial<SigninRequest> = {}) => startSignin(deps, { origin, request: request(extra), clientIp: '192.0.2.1', browserId: 'b'.repeat(32) });

  before(async () => {
    dir = await makeTempDir();
    store = await createEmbeddedStore({ dataDir: dir });
    const clock = createFakeClock(Date.now());
    const sink = createMemorySink();
    events = sink.events;
    const directory = new EmbeddedDirectory(store);
    await directory.addUser({ login: 'alice', password: 'correct horse' });
    deps = {
      transactions: new TransactionRepository(store, clock, 60_000),
      sso: new SsoSessions(store, clock, 3_600_000),
      directory,
      audit: createAudit({ sinks: [sink], personalFields: true, clock }),
      clock,
      access: createDefaultAccessDecider('allow'),
    };
  });
  after(async () => {
    await store.close();
    await removeTempDir(dir);
  });

  it('skips the identify page when the relying party gives a login hint', async () => {
    const tx = await begin({ loginHint: 'alice' });
    assert.equal(tx.state, 'password');
    assert.equal(tx.subject?.login, 'alice');
  });

  it('moves to access with amr pwd after the right password', async () => {
    const tx = await begin({ loginHint: 'alice' });
    await submitPassword(deps, tx, 'correct horse');
    assert.equal(tx.state, 'access');
    assert.deepEqual(tx.amr, ['pwd']);
    assert.equal(tx.primary, 'password');
  });

  it('stays on the password step with a message after a wrong password, and fails after too many', async () => {
    const tx = await begin({ loginHint: 'alice' });
    for (let i = 1; i < MAX_PASSWORD_TRIES_PER_SIGNIN; i++) {
      await submitPassword(deps, tx, 'wrong');
      assert.equal(tx.state, 'password');
      assert.equal(tx.notice, 'signin.password.invalid');
    }
    await submitPassword(deps, tx, 'wrong');
    assert.equal(tx.state, 'failed');
    assert.equal(tx.failure?.code, 'too_many_tries');
  });

  it('issues when no policy asks for more, and records one audit event per step', async () => {
    events.length = 0;
    const tx = await begin({ loginHint: 'alice' });
    await submitPassword(deps, tx, 'correct horse');
    await evaluateAccess(deps, tx);
    assert.equal(tx.state, 'issue');
    await completeSignin(deps, tx);
    assert.equal(tx.state, 'done');
    assert.deepEqual(events.map((e) => e.event), ['signin.started', 'signin.identified', 'password.checked', 'access.decided', 'signin.completed']);
    assert.ok(events.every((e) => e.transactionId === tx.id && e.rp === 'app'));
  });

  it('sends a sign-in to MFA when the relying party asks for it (step-up), even with no policy', async () => {
    const tx = await begin({ loginHint: 'alice', requestedContext: 'mfa' });
    await submitPassword(deps, tx, 'correct horse');
    await evaluateAccess(deps, tx);
    assert.equal(tx.state, 'mfa');
    assert.deepEqual(tx.access?.missing, ['mfa']);
  });

  it('re-uses an SSO session by entering at access, never skipping policy', async () => {
    const first = await begin({ loginHint: 'alice' });
    await submitPassword(deps, first, 'correct horse');
    await evaluateAccess(deps, first);
    const session = await completeSignin(deps, first);
    const second = await startSignin(deps, { origin, request: request(), clientIp: '192.0.2.1', browserId: 'b'.repeat(32), sso: session });
    assert.equal(second.state, 'access');
    assert.deepEqual(second.amr, ['pwd']);
  });

  it('asks for the password again when the relying party forces fresh authentication', async () => {
    const first = await begin({ loginHint: 'alice' });
    await submitPassword(deps, first, 'correct horse');
    await evaluateAccess(deps, first);
    const session = await completeSignin(deps, first);
    const forced = await startSignin(deps, { origin, request: request({ forceAuthn: true }), clientIp: '192.0.2.1', browserId: 'b'.repeat(32), sso: session });
    assert.equal(forced.state, 'identify');
  });

  it('blocks everyone when the default is block and no policy matches', async () => {
    const tx = await begin({ loginHint: 'alice' });
    await submitPassword(deps, tx, 'correct horse');
    await evaluateAccess({ ...deps, access: createDefaultAccessDecider('block') }, tx);
    assert.equal(tx.state, 'failed');
    assert.equal(tx.failure?.code, 'access_blocked');
  });

  it('refuses a move the state table does not allow', async () => {
    const tx = await begin();
    assert.throws(() => deps.transactions.move(tx, 'issue'), /identify -> issue is not a valid move/);
  });
});
