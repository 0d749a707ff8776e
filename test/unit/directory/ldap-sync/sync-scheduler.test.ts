import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildConfig } from '../../../../src/config/index.js';
import { SyncScheduler, withSyncLock } from '../../../../src/directory/sync/index.js';
import { createEmbeddedStore } from '../../../../src/store/index.js';
import { makeTempDir, removeTempDir } from '../../../helpers/temp-dir.js';

describe('the sync schedule', () => {
  it('runs again an interval after each run ends, never two at once, and waits for a run when stopped', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const scheduler = new SyncScheduler(async () => {
      most = Math.max(most, ++running);
      await sleep(30);
      runs++;
      running--;
    }, 10);
    scheduler.start(0);
    await sleep(200);
    await scheduler.stop();
    const after = runs;
    assert.ok(after >= 3, `ran ${after} times`);
    assert.equal(most, 1);
    assert.equal(running, 0, 'stop waited for the run in progress');
    await sleep(60);
    assert.equal(runs, after, 'nothing runs after stop');
  });

  it('keeps going after a run fails, and logs it', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const scheduler = new SyncScheduler(async () => {
      runs++;
      throw new Error('directory down');
    }, 5, { error: (o: unknown) => void errors.push(o) });
    scheduler.start(0);
    await sleep(80);
    await scheduler.stop();
    assert.ok(runs >= 2);
    assert.equal(errors.length, runs);
  });

  it('lets one holder of the cluster-wide lock sync at a time', async () => {
    const dir = await makeTempDir();
    const store = await createEmbeddedStore({ dataDir: dir });
    try {
      let inner: Awaited<ReturnType<typeof withSyncLock>> | undefined;
      const outer = await withSyncLock(store, async () => {
        inner = await withSyncLock(store, async () => 'second');
        return 'first';
      });
      assert.deepEqual(outer, { ran: true, result: 'first' });
      assert.deepEqual(inner, { ran: false });
      assert.deepEqual(await withSyncLock(store, async () => 'again'), { ran: true, result: 'again' }, 'released after the run');
    } finally {
      await store.close();
      await removeTempDir(dir);
    }
  });

  it('accepts sync intervals from one minute to 24 hours only', () => {
    const config = (interval: string) => buildConfig({ directory: { type: 'ldap', urls: ['ldap://dc1'], baseDN: 'dc=x', sync: { base: 'dc=x', interval } } });
    assert.equal((config('1m').directory as { sync: { interval: number } }).sync.interval, 60_000);
    assert.equal((config('24h').directory as { sync: { interval: number } }).sync.interval, 86_400_000);
    assert.throws(() => config('30s'), /directory\.sync\.interval: must be from 1m to 24h/);
    assert.throws(() => config('25h'), /directory\.sync\.interval/);
  });
});
