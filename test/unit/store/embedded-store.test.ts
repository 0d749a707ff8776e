import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEmbeddedStore } from '../../../src/store/index.js';
import type { EmbeddedStoreOptions, Store } from '../../../src/store/index.js';
import { createFakeClock, describeStoreContract } from '../../helpers/store-contract.js';

describeStoreContract('the embedded store', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-store-'));
  const clock = createFakeClock();
  const store = await createEmbeddedStore({ dataDir, clock });
  return {
    store,
    clock,
    cleanup: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('the embedded store', function () {
  let root: string;
  let dataDir: string;
  const opened: Store[] = [];

  const open = async (options: Partial<EmbeddedStoreOptions> = {}): Promise<Store> => {
    const store = await createEmbeddedStore({ dataDir, ...options });
    opened.push(store);
    return store;
  };
  const logPath = (): string => join(dataDir, 'records.log');

  beforeEach(async function () {
    root = await mkdtemp(join(tmpdir(), 'gatehouse-store-'));
    dataDir = join(root, 'data');
  });

  afterEach(async function () {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(root, { recursive: true, force: true });
  });

  it('creates its data directory readable by its owner only, and the record log likewise', async function () {
    const store = await open();
    await store.putRecord('user', 'alice', {});
    assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
    assert.equal((await stat(logPath())).mode & 0o777, 0o600);
  });

  it('keeps records across closing and opening again', async function () {
    const first = await open();
    await first.putRecord('user', 'alice', { n: 1 });
    await first.putRecord('user', 'bob', { n: 2 });
    await first.deleteRecord('user', 'bob');
    await first.close();
    const second = await open();
    assert.deepEqual(await second.listRecords('user'), [['alice', { n: 1 }]]);
  });

  it('sees records that another instance on the same data directory put, replaced and deleted', async function () {
    const server = await open();
    const cli = await open();
    assert.deepEqual(await server.listRecords('user'), []);
    await cli.putRecord('user', 'alice', { v: 1 });
    await cli.putRecord('user', 'bob', { v: 1 });
    assert.deepEqual(await server.getRecord('user', 'alice'), { v: 1 });
    await cli.putRecord('user', 'alice', { v: 2 });
    await cli.deleteRecord('user', 'bob');
    assert.deepEqual(await server.listRecords('user'), [['alice', { v: 2 }]]);
    await server.putRecord('user', 'carol', { v: 1 });
    assert.deepEqual(await cli.getRecord('user', 'carol'), { v: 1 });
  });

  it('ignores a torn trailing line and appends after it cleanly', async function () {
    const first = await open();
    await first.putRecord('user', 'alice', { v: 1 });
    await first.close();
    await appendFile(logPath(), '1a2b3c4d {"k":"user","i":"mallory","v":{"half');

    const second = await open();
    assert.equal(await second.getRecord('user', 'mallory'), undefined);
    await second.putRecord('user', 'bob', { v: 1 });
    await second.close();

    const third = await open();
    assert.deepEqual(
      (await third.listRecords('user')).sort(([a], [b]) => a.localeCompare(b)),
      [
        ['alice', { v: 1 }],
        ['bob', { v: 1 }],
      ],
    );
    const lines = (await readFile(logPath(), 'utf8')).split('\n');
    assert.equal(lines.pop(), '', 'the log ends with a newline');
    assert.ok(lines.every((line) => !line.includes('mallory')), 'the torn line is gone');
  });

  it('does not read a line another process has only partly written, while it is open', async function () {
    const reader = await open();
    await reader.putRecord('user', 'alice', { v: 1 });
    await appendFile(logPath(), '00000000 {"k":"user","i":"partial"');
    assert.deepEqual(await reader.listRecords('user'), [['alice', { v: 1 }]]);
    const writer = await open();
    await writer.putRecord('user', 'bob', { v: 1 });
    assert.deepEqual(await reader.getRecord('user', 'bob'), { v: 1 });
    assert.equal(await reader.getRecord('user', 'partial'), undefined);
  });

  it('skips a damaged line in the middle of the log and keeps the records around it', async function () {
    const first = await open();
    await first.putRecord('user', 'alice', { v: 1 });
    await first.close();
    await appendFile(logPath(), 'ffffffff {"k":"user","i":"forged","v":1}\n');
    const second = await open();
    await second.putRecord('user', 'bob', { v: 1 });
    await second.close();

    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const third = await open();
      assert.deepEqual((await third.listRecords('user')).map(([id]) => id).sort(), ['alice', 'bob']);
      await sleep(10);
    } finally {
      process.off('warning', onWarning);
    }
    assert.ok(warnings.some((message) => message.includes('damaged')), 'a warning names the damaged line');
  });

  it('compacts a log that outgrew its live records, and another instance keeps reading and writing it', async function () {
    const compaction = { minBytes: 4_096, ratio: 2 };
    const writer = await open({ compaction });
    const other = await open({ compaction });
    for (let index = 0; index < 20; index += 1) await writer.putRecord('user', `u${index}`, { index });
    await other.putRecord('user', 'from-other', { before: true });
    assert.equal((await other.listRecords('user')).length, 21);
    const inodeBefore = (await stat(logPath())).ino;

    for (let round = 0; round < 300; round += 1) {
      await writer.putRecord('counter', 'churn', { round, padding: 'x'.repeat(100) });
      if (round % 100 === 0) await writer.deleteRecord('user', 'u0');
    }

    assert.notEqual((await stat(logPath())).ino, inodeBefore, 'the log was rewritten');
    assert.ok((await stat(logPath())).size < 8_192, 'the log holds little more than its live records');
    for (const store of [writer, other, await open()]) {
      assert.equal((await store.listRecords('user')).length, 20);
      assert.equal(await store.getRecord('user', 'u0'), undefined);
      assert.deepEqual(await store.getRecord('user', 'from-other'), { before: true });
      assert.deepEqual(await store.getRecord('counter', 'churn'), { round: 299, padding: 'x'.repeat(100) });
    }
    await other.putRecord('user', 'after-compaction', { after: true });
    assert.deepEqual(await writer.getRecord('user', 'after-compaction'), { after: true });
    assert.deepEqual(await (await open()).getRecord('user', 'after-compaction'), { after: true });
  });

  it('refuses values that are not JSON', async function () {
    const store = await open();
    await assert.rejects(store.set('k', undefined, 1_000), TypeError);
    await assert.rejects(store.putRecord('user', 'x', () => 1), TypeError);
    await assert.rejects(store.putRecord('user', 'y', { big: 1n }), TypeError);
  });

  it('refuses a TTL that is not a positive number, and incrementing a value that is not a counter', async function () {
    const store = await open();
    await assert.rejects(store.set('k', 1, 0), RangeError);
    await assert.rejects(store.addToSet('k', 'm', Number.NaN), RangeError);
    await assert.rejects(store.increment('k', 1_000, 1.5), RangeError);
    await store.set('text', 'not a number', 1_000);
    await assert.rejects(store.increment('text', 1_000), TypeError);
  });

  it('keeps delivering to other subscribers when one of them throws', async function () {
    const store = await open();
    const received: string[] = [];
    await store.subscribe('channel', () => {
      throw new Error('subscriber bug');
    });
    await store.subscribe('channel', (message) => received.push(message));
    await store.publish('channel', 'still delivered');
    await sleep(20);
    assert.deepEqual(received, ['still delivered']);
  });

  it('rejects every call after close, and closing twice is harmless', async function () {
    const store = await open();
    await store.close();
    await store.close();
    await assert.rejects(store.get('k'), /closed/);
    await assert.rejects(store.putRecord('user', 'x', {}), /closed/);
    await assert.rejects(store.ping(), /closed/);
  });
});
