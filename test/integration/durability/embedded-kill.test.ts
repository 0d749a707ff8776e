import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createEmbeddedStore } from '../../../src/store/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../../..');
const writerScript = join(here, 'write-records.ts');

interface Writer {
  child: ChildProcess;
  /** Ids whose putRecord had resolved, in order, as printed by the child. */
  acknowledged: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWriter(dataDir: string, prefix: string, count: number, onAcknowledged?: (total: number) => void): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir, prefix, String(count)], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acknowledged: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (id) => {
    acknowledged.push(id);
    onAcknowledged?.(acknowledged.length);
  });
  // 'close' of the line reader comes after every line the child managed to print, even when it was killed.
  const exited = Promise.all([once(child, 'exit'), once(lines, 'close')]).then(([[code, signal]]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { child, acknowledged, exited };
}

const expectedValue = (id: string): { id: string; index: number; padding: string } => {
  const index = Number(id.slice(id.lastIndexOf('-') + 1));
  return { id, index, padding: 'p'.repeat(index % 200) };
};

describe('the embedded store under kill -9', function () {
  this.timeout(120_000);
  let dataDir: string;

  beforeEach(async function () {
    dataDir = join(await mkdtemp(join(tmpdir(), 'gatehouse-durability-')), 'data');
  });

  afterEach(async function () {
    await rm(dirname(dataDir), { recursive: true, force: true });
  });

  it('keeps every record whose write was acknowledged before the process was killed', async function () {
    const writer = startWriter(dataDir, 'killed', 1_000, (total) => {
      if (total === 300) writer.child.kill('SIGKILL');
    });
    const { signal } = await writer.exited;
    assert.equal(signal, 'SIGKILL', 'the writer was killed, not finished');
    assert.ok(writer.acknowledged.length >= 300 && writer.acknowledged.length < 1_000);

    const store = await createEmbeddedStore({ dataDir });
    try {
      for (const id of writer.acknowledged) assert.deepEqual(await store.getRecord('item', id), expectedValue(id));
      // The record being written at the kill may or may not be there; nothing beyond it can be.
      assert.ok((await store.listRecords('item')).length <= writer.acknowledged.length + 1);
    } finally {
      await store.close();
    }
  });

  it('can be read and written again after a writer was killed', async function () {
    const writer = startWriter(dataDir, 'killed', 1_000, (total) => {
      if (total === 50) writer.child.kill('SIGKILL');
    });
    await writer.exited;
    const store = await createEmbeddedStore({ dataDir });
    try {
      await store.putRecord('item', 'after-the-kill', { ok: true });
      const reopened = await createEmbeddedStore({ dataDir });
      assert.deepEqual(await reopened.getRecord('item', 'after-the-kill'), { ok: true });
      for (const id of writer.acknowledged) assert.deepEqual(await reopened.getRecord('item', id), expectedValue(id));
      await reopened.close();
    } finally {
      await store.close();
    }
  });

  it('takes over a lock a killed writer left behind, once it has gone stale', async function () {
    const first = await createEmbeddedStore({ dataDir });
    await first.putRecord('item', 'before', { ok: true });
    await first.close();
    // What a writer killed while holding the lock leaves: the lock directory, no longer kept fresh.
    await mkdir(join(dataDir, 'records.log.lock'));
    const store = await createEmbeddedStore({ dataDir });
    try {
      const started = Date.now();
      await store.putRecord('item', 'after', { ok: true });
      assert.ok(Date.now() - started >= 5_000, 'a fresh lock is respected for a while');
      assert.deepEqual(await store.listRecords('item'), [
        ['before', { ok: true }],
        ['after', { ok: true }],
      ]);
    } finally {
      await store.close();
    }
  });

  it('keeps every record of two processes writing to the same data directory at once', async function () {
    const watcher = await createEmbeddedStore({ dataDir });
    try {
      const writers = [startWriter(dataDir, 'first', 300), startWriter(dataDir, 'second', 300)];
      const exits = await Promise.all(writers.map((writer) => writer.exited));
      assert.deepEqual(exits, [
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
      const records = new Map(await watcher.listRecords('item'));
      assert.equal(records.size, 600);
      for (const writer of writers) {
        assert.equal(writer.acknowledged.length, 300);
        for (const id of writer.acknowledged) assert.deepEqual(records.get(id), expectedValue(id));
      }
    } finally {
      await watcher.close();
    }
  });
});
