import assert from 'node:assert/strict';
import { createStoreSink, RecentEvents, type AuditEvent } from '../../../src/audit/index.js';
import { createEmbeddedStore, type Store } from '../../../src/store/index.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

const event = (i: number, extra: Partial<AuditEvent> = {}): AuditEvent => ({ time: new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString(), event: 'signin.started', result: 'info', transactionId: `tx-${i}`, serverName: 'n', serverIp: '10.0.0.1', ...extra });

describe('the recent events kept in the store', () => {
  let dir: string;
  let store: Store;
  let clock: FakeClock;
  beforeEach(async () => {
    dir = await makeTempDir('gatehouse-recent-');
    clock = createFakeClock();
    store = await createEmbeddedStore({ dataDir: dir, clock });
  });
  afterEach(async () => {
    await store.close();
    await removeTempDir(dir);
  });

  it('keeps the last N events of every writer, newest first', async () => {
    const node1 = new RecentEvents(store, 5, 60_000);
    const node2 = new RecentEvents(store, 5, 60_000);
    for (let i = 0; i < 12; i++) await (i % 2 ? node1 : node2).add(event(i));
    assert.deepEqual((await node1.list()).map((e) => e.transactionId), ['tx-11', 'tx-10', 'tx-9', 'tx-8', 'tx-7']);
  });

  it('filters by user (or the admin who acted), event or noun, and result, up to a limit', async () => {
    const recent = new RecentEvents(store, 50, 60_000);
    await recent.add(event(1, { uniqueId: 'alice', event: 'lockout.triggered', result: 'failure' }));
    await recent.add(event(2, { uniqueId: 'bob', event: 'password.checked', result: 'failure' }));
    await recent.add(event(3, { uniqueId: 'bob', event: 'admin.user.unlocked', result: 'success', actor: 'alice' }));
    await recent.add(event(4, { uniqueId: 'alice', event: 'lockout.cleared', result: 'success' }));
    const ids = async (filter: Parameters<RecentEvents['list']>[0]) => (await recent.list(filter)).map((e) => e.transactionId);
    assert.deepEqual(await ids({ user: 'alice' }), ['tx-4', 'tx-3', 'tx-1']);
    assert.deepEqual(await ids({ event: 'lockout.' }), ['tx-4', 'tx-1']);
    assert.deepEqual(await ids({ event: 'lockout' }), [], 'a name without the dot is one event name');
    assert.deepEqual(await ids({ result: 'failure', limit: 1 }), ['tx-2']);
  });

  it('forgets events after their time to live', async () => {
    const recent = new RecentEvents(store, 10, 60_000);
    await recent.add(event(1));
    clock.advance(60_001);
    await recent.add(event(2));
    assert.deepEqual((await recent.list()).map((e) => e.transactionId), ['tx-2']);
  });

  it('as a sink, never throws at the caller and lands every write before close resolves', async () => {
    const errors: unknown[] = [];
    const recent = new RecentEvents(store, 10, 60_000);
    const sink = createStoreSink(recent, (error) => errors.push(error));
    for (let i = 0; i < 3; i++) sink.write(event(i));
    await sink.close!();
    assert.equal((await recent.list()).length, 3);
    const broken = createStoreSink(new RecentEvents({ ...store, increment: async () => Promise.reject(new Error('down')) }, 10, 60_000), (error) => errors.push(error));
    broken.write(event(9));
    await broken.close!();
    assert.equal(errors.length, 1);
  });
});
