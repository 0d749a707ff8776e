import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createAudit, createMemorySink } from '../../../src/audit/index.js';
import { EmbeddedDirectory } from '../../../src/directory/index.js';
import type { DirectoryUser } from '../../../src/directory/types.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { createMfaRegistry, isEnrollable, loadAdapterModules, type AdapterModule, type MfaRegistry } from '../../../src/mfa/index.js';
import type { MfaAdapter, TryEndResult } from '../../../src/mfa/types.js';
import type { AccessDecider, SigninDeps } from '../../../src/signin/deps.js';
import { advance } from '../../../src/signin/routes/advance.js';
import { submitPassword } from '../../../src/signin/steps/check-password.js';
import { continueAfterEnrollment, beginMfaEnrollment, finishMfaEnrollment } from '../../../src/signin/steps/enroll-mfa.js';
import { mfaScratch } from '../../../src/signin/steps/mfa-state.js';
import { chooseMfaMethod, showOtherMethods } from '../../../src/signin/steps/start-mfa.js';
import { submitMfa } from '../../../src/signin/steps/submit-mfa.js';
import { startSignin } from '../../../src/signin/steps/start-signin.js';
import { SsoSessions } from '../../../src/signin/sso-sessions.js';
import { TransactionRepository } from '../../../src/signin/transaction-repository.js';
import type { AccessOutcome } from '../../../src/signin/types.js';
import { createEmbeddedStore, type Store } from '../../../src/store/index.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

/** A scriptable adapter for users with an email address: the test says what tryEnd answers next. */
function scripted(id: string, answers: TryEndResult[]): AdapterModule {
  const adapter: MfaAdapter = {
    id,
    metadata: { displayName: { en: id }, amr: ['sms'], phishingResistant: false, firstFactor: false },
    isAvailableForUser: async (user) => user.email !== undefined,
    begin: async () => ({ template: 'mfa/totp.njk', data: {} }),
    tryEnd: async () => answers.shift() ?? { kind: 'retry', message: 'no answer scripted' },
  };
  return { path: `mfa.adapters[${id}]`, name: id, builtIn: false, create: () => adapter, options: {} };
}

describe('the MFA step of the sign-in', () => {
  let dir: string;
  let store: Store;
  let clock: FakeClock;
  let deps: SigninDeps;
  let registry: MfaRegistry;
  let events: ReturnType<typeof createMemorySink>['events'];
  let directory: EmbeddedDirectory;
  let requirements: AccessOutcome['requirements'];
  const answers: TryEndResult[] = [];
  const now = () => Math.floor(clock.now() / 1000);

  const decider: AccessDecider = {
    decide: (_user, tx) => {
      const done = requirements.methods.length ? requirements.methods.some((m) => tx.methods.includes(m)) : tx.amr.includes('mfa');
      return { decision: 'require', requirements, session: {}, missing: done ? [] : ['mfa'] };
    },
  };

  async function signIn(login: string) {
    const tx = await startSignin(deps, { origin: { protocol: 'oidc', rpId: 'app', rpName: 'App', handle: 'h' }, request: { forceAuthn: false, requestedContext: 'mfa', loginHint: login }, clientIp: '192.0.2.1', browserId: 'b'.repeat(32) });
    await submitPassword(deps, tx, 'correct horse battery');
    await advance(deps, tx);
    return tx;
  }

  async function enrollTotp(user: DirectoryUser): Promise<string> {
    const totp = registry.get('totp')!;
    assert.ok(isEnrollable(totp));
    const ctx = { purpose: 'enrollment' as const, transactionId: 't', clientIp: '192.0.2.1', rpId: 'portal', locale: 'en' };
    const key = String((await totp.beginEnrollment(user, ctx)).data.key).replace(/ /g, '');
    assert.equal((await totp.finishEnrollment(user, ctx, { code: await oathtoolTotp(key, now()) })).kind, 'ok');
    clock.advance(30_000);
    return key;
  }

  async function addUser(login: string, withEmail = true): Promise<DirectoryUser> {
    return directory.addUser({ login, password: 'correct horse battery', ...(withEmail ? { email: `${login}@example.org` } : {}) });
  }

  before(async () => {
    dir = await makeTempDir();
    clock = createFakeClock(Date.UTC(2030, 5, 1, 8, 0, 5));
    store = await createEmbeddedStore({ dataDir: dir, clock });
    directory = new EmbeddedDirectory(store);
    const sink = createMemorySink();
    events = sink.events;
    const modules = [...(await loadAdapterModules({ mfa: { adapters: ['totp', 'recovery'] }, baseDir: dir })), scripted('sms', answers)];
    registry = await createMfaRegistry(modules, {
      store, clock, logger: pino({ level: 'silent' }), t: loadTranslator('en'), publicUrl: 'http://x', organizationName: 'Org',
      sealingKey: randomBytes(32), smtp: { host: '127.0.0.1', port: 25, secure: false, from: 'g@localhost' },
    });
    deps = {
      transactions: new TransactionRepository(store, clock, 15 * 60_000),
      sso: new SsoSessions(store, clock, 3_600_000),
      directory,
      audit: createAudit({ sinks: [sink], personalFields: true, clock }),
      clock,
      access: decider,
      mfa: { registry, enrollOnSignin: true },
    };
  });
  beforeEach(() => {
    requirements = { mfa: true, methods: [], phishingResistant: false, fresh: false };
    answers.length = 0;
    events.length = 0;
  });
  after(async () => {
    await store.close();
    await removeTempDir(dir);
  });

  it('begins the user’s TOTP after the password and completes with amr pwd, otp, mfa, then issues', async () => {
    const user = await addUser('alice', false);
    const key = await enrollTotp(user);
    const tx = await signIn('alice');
    assert.equal(tx.state, 'mfa');
    assert.deepEqual({ mode: mfaScratch(tx)?.mode, method: mfaScratch(tx)?.method }, { mode: 'challenge', method: 'totp' });
    await submitMfa(deps, tx, { code: await oathtoolTotp(key, now()) });
    assert.equal(tx.state, 'access', 'policy decides again once the method ran');
    await advance(deps, tx);
    assert.equal(tx.state, 'issue');
    assert.deepEqual(tx.amr, ['pwd', 'otp', 'mfa']);
    assert.deepEqual(tx.methods, ['totp']);
    assert.deepEqual(events.filter((e) => e.event.startsWith('mfa.')).map((e) => `${e.event} ${e.authMode}`), ['mfa.started totp', 'mfa.completed totp']);
  });

  it('offers the method used last first, never a fallback first, and lists the others under “Sign in another way”', async () => {
    const user = await addUser('bob');
    await enrollTotp(user);
    await registry.preferences.recordUse(user.id, 'sms');
    const recovery = registry.get('recovery')!;
    assert.ok(isEnrollable(recovery));
    await recovery.finishEnrollment(user, { purpose: 'enrollment', transactionId: 't', clientIp: '192.0.2.1', rpId: 'portal', locale: 'en' }, {});
    const tx = await signIn('bob');
    assert.equal(mfaScratch(tx)?.method, 'sms');
    const offered = await registry.availableFor(user, { purpose: 'signin', transactionId: tx.id, clientIp: tx.clientIp, rpId: 'app', locale: 'en' });
    assert.deepEqual(offered.map((a) => a.id), ['sms', 'totp', 'recovery']);
    await showOtherMethods(deps, tx);
    assert.equal(mfaScratch(tx)?.mode, 'choose');
    await chooseMfaMethod(deps, tx, 'recovery');
    assert.deepEqual({ mode: mfaScratch(tx)?.mode, method: mfaScratch(tx)?.method }, { mode: 'challenge', method: 'recovery' });
  });

  it('keeps the page with the adapter’s message on retry, audits a lock as mfa.locked, and ends on fail', async () => {
    await addUser('carol');
    const tx = await signIn('carol');
    assert.equal(mfaScratch(tx)?.method, 'sms');
    answers.push({ kind: 'retry', message: 'Wrong code, try again.', reason: 'invalid' }, { kind: 'retry', message: 'Locked.', reason: 'locked' }, { kind: 'fail', reason: 'gave_up', message: 'Start again.' });
    await submitMfa(deps, tx, { code: '1' });
    assert.equal(tx.state, 'mfa');
    assert.equal(mfaScratch(tx)?.error, 'Wrong code, try again.');
    await submitMfa(deps, tx, { code: '2' });
    await submitMfa(deps, tx, { code: '3' });
    assert.equal(tx.state, 'failed');
    assert.deepEqual(tx.failure, { code: 'mfa_failed', messageKey: 'signin.error.mfaFailed', message: 'Start again.' });
    assert.deepEqual(events.filter((e) => e.result === 'failure').map((e) => `${e.event} ${e.reason}`), ['mfa.failed invalid', 'mfa.locked locked', 'mfa.failed gave_up']);
  });

  it('offers only the methods a decision names, and denies when the user has none of them', async () => {
    const user = await addUser('dave');
    await enrollTotp(user);
    requirements = { mfa: true, methods: ['totp'], phishingResistant: false, fresh: false };
    const tx = await signIn('dave');
    assert.equal(mfaScratch(tx)?.method, 'totp', 'sms is available but not allowed');
    requirements = { mfa: true, methods: ['push'], phishingResistant: false, fresh: false };
    const denied = await signIn('dave');
    assert.equal(denied.state, 'failed');
    assert.equal(denied.failure?.code, 'mfa_unavailable');
  });

  it('asks a user with no method for more information, sets up TOTP with recovery codes, then counts it as MFA', async () => {
    await addUser('nobody', false);
    const tx = await signIn('nobody');
    assert.equal(mfaScratch(tx)?.mode, 'enroll-required');
    await beginMfaEnrollment(deps, tx, 'recovery');
    assert.equal(mfaScratch(tx)?.mode, 'enroll-required', 'a fallback cannot be the first method');
    await beginMfaEnrollment(deps, tx, 'totp');
    assert.equal(mfaScratch(tx)?.mode, 'enroll');
    const user = (await directory.findUser('nobody'))!;
    const totp = registry.get('totp')!;
    assert.ok(isEnrollable(totp));
    const key = String((await totp.beginEnrollment(user, { purpose: 'enrollment', transactionId: tx.id, clientIp: tx.clientIp, rpId: 'app', locale: 'en' })).data.key).replace(/ /g, '');
    const shownOnce = await finishMfaEnrollment(deps, tx, { code: await oathtoolTotp(key, now()) });
    assert.deepEqual(shownOnce.map((view) => view.template), ['mfa/recovery-codes.njk']);
    assert.equal((shownOnce[0]!.data.codes as string[]).length, 10);
    assert.equal(JSON.stringify(tx).includes((shownOnce[0]!.data.codes as string[])[0]!), false, 'the codes are not kept in the transaction');
    await continueAfterEnrollment(deps, tx);
    await advance(deps, tx);
    assert.equal(tx.state, 'issue');
    assert.deepEqual(tx.amr, ['pwd', 'otp', 'mfa']);
    assert.deepEqual(events.filter((e) => e.event === 'method.enrolled').map((e) => e.authMode), ['totp', 'recovery']);
  });

  it('denies with a clear message when enrollment during sign-in is switched off', async () => {
    await addUser('erin', false);
    deps.mfa = { registry, enrollOnSignin: false };
    try {
      const tx = await signIn('erin');
      assert.equal(tx.state, 'failed');
      assert.equal(tx.failure?.messageKey, 'signin.error.mfaUnavailable');
    } finally {
      deps.mfa = { registry, enrollOnSignin: true };
    }
  });
});
