import assert from 'node:assert/strict';
import { createAudit, createMemorySink, type AuditEvent } from '../../../src/audit/index.js';
import type { DirectoryUser } from '../../../src/directory/types.js';
import { SmartLockout, type LockoutSettings } from '../../../src/lockout/index.js';
import { createEmbeddedStore, type Store } from '../../../src/store/index.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

const ALICE: DirectoryUser = { id: 'u-alice', login: 'alice', groups: [], attributes: {} };
const HOME = '198.51.100.10';
const ATTACKER = '203.0.113.66';
const WINDOW = 30 * 60_000;

describe('smart lockout of the password step', () => {
  let dir: string;
  let store: Store;
  let clock: FakeClock;
  let events: AuditEvent[];

  const lockout = (settings: Partial<LockoutSettings> = {}) => {
    const sink = createMemorySink();
    events = sink.events;
    return new SmartLockout(
      {
        store,
        directory: { findUser: async (login) => (login.toLowerCase() === 'alice' ? ALICE : null) },
        familiarIps: async (id) => (id === ALICE.id ? [HOME] : []),
        audit: createAudit({ sinks: [sink], personalFields: true, clock }),
        clock,
      },
      { mode: 'enforce', familiarThreshold: 4, unfamiliarThreshold: 3, window: WINDOW, ...settings },
    );
  };
  const fields = (ip: string) => ({ transactionId: 't', uniqueId: 'alice', rp: 'app', clientIp: ip, authMode: 'password' });
  const fail = async (subject: SmartLockout, ip: string, times: number, login = 'alice') => {
    for (let i = 0; i < times; i++) {
      const gate = await subject.check(login, ip);
      if (!gate.refused) await subject.failed(gate, fields(ip));
    }
  };

  beforeEach(async () => {
    dir = await makeTempDir('gatehouse-lockout-');
    clock = createFakeClock();
    store = await createEmbeddedStore({ dataDir: dir, clock });
  });
  afterEach(async () => {
    await store.close();
    await removeTempDir(dir);
  });

  it('locks unfamiliar places at their threshold while the user still gets through from a familiar IP', async () => {
    const subject = lockout();
    await fail(subject, ATTACKER, 2);
    assert.equal((await subject.check('alice', ATTACKER)).refused, false, 'below the threshold nothing is refused');
    await fail(subject, ATTACKER, 1);
    assert.equal((await subject.check('alice', ATTACKER)).refused, true);
    assert.equal((await subject.check('alice', '192.0.2.1')).refused, true, 'every unfamiliar place is locked, not just one IP');
    assert.equal((await subject.check('alice', HOME)).refused, false, 'home still works');
    assert.deepEqual(events.map((e) => [e.event, e.result, e.reason, e.clientIp]), [['lockout.triggered', 'failure', 'unfamiliar', ATTACKER]]);
    const status = await subject.status(ALICE);
    assert.deepEqual([status.unfamiliar.locked, status.unfamiliar.failures, status.familiar.locked], [true, 3, false]);
    assert.equal(status.unfamiliar.until, new Date(clock.now() + WINDOW).toISOString());
  });

  it('keeps a separate, higher threshold for familiar places', async () => {
    const subject = lockout();
    await fail(subject, HOME, 3);
    assert.equal((await subject.check('alice', HOME)).refused, false);
    assert.equal((await subject.check('alice', ATTACKER)).refused, false, 'failures at home do not count against unfamiliar places');
    await fail(subject, HOME, 1);
    assert.equal((await subject.check('alice', HOME)).refused, true);
    assert.equal(events.at(-1)?.reason, 'familiar');
  });

  it('forgets failures and ends a lockout once the observation window has passed', async () => {
    const subject = lockout();
    await fail(subject, ATTACKER, 2);
    clock.advance(WINDOW + 1);
    await fail(subject, ATTACKER, 2);
    assert.equal((await subject.check('alice', ATTACKER)).refused, false, 'old failures expired with their window');
    await fail(subject, ATTACKER, 1);
    assert.equal((await subject.check('alice', ATTACKER)).refused, true);
    clock.advance(WINDOW + 1);
    assert.equal((await subject.check('alice', ATTACKER)).refused, false);
  });

  it('resets the counter of the kind of place where the right password was given', async () => {
    const subject = lockout();
    await fail(subject, ATTACKER, 2);
    await fail(subject, HOME, 2);
    await subject.succeeded(await subject.check('alice', HOME), fields(HOME));
    const status = await subject.status(ALICE);
    assert.equal(status.familiar.failures, 0);
    assert.equal(status.unfamiliar.failures, 2, 'a success at home does not forgive the attacker');
  });

  it('in log-only mode refuses nobody and records the would-be lockout once', async () => {
    const subject = lockout({ mode: 'logOnly' });
    await fail(subject, ATTACKER, 6);
    assert.equal((await subject.check('alice', ATTACKER)).refused, false);
    assert.deepEqual(events.map((e) => [e.event, e.result, e.reason]), [['lockout.triggered', 'info', 'unfamiliar_log_only']]);
    await subject.succeeded(await subject.check('alice', ATTACKER), fields(ATTACKER));
    assert.deepEqual(events.at(-1) && [events.at(-1)!.event, events.at(-1)!.reason], ['lockout.cleared', 'signin_unfamiliar']);
  });

  it('counts a login nobody has exactly like a real one, so lockout tells nothing about who exists', async () => {
    const subject = lockout();
    await fail(subject, ATTACKER, 3, 'mallory');
    assert.equal((await subject.check('MALLORY', ATTACKER)).refused, true, 'the same login in any case is the same counter');
    assert.equal((await subject.check('alice', ATTACKER)).refused, false);
  });

  it('unlocks a user on another process sharing the store: the next check from any node sees it', async () => {
    const node1 = lockout();
    const node2 = lockout();
    await fail(node1, ATTACKER, 2);
    await fail(node2, ATTACKER, 1);
    assert.equal((await node1.check('alice', ATTACKER)).refused, true, 'counters are shared through the Store');
    const before = await node2.unlock(ALICE, 'cli');
    assert.equal(before.unfamiliar.locked, true);
    assert.equal((await node1.check('alice', ATTACKER)).refused, false);
    assert.deepEqual((await node1.status(ALICE)).unfamiliar, { failures: 0, threshold: 3, locked: false });
    assert.deepEqual([events.at(-1)?.event, events.at(-1)?.actor, events.at(-1)?.reason], ['lockout.cleared', 'cli', 'admin']);
  });
});
