import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../../../src/store/index.js';

describe('createStore', function () {
  let dataDir: string;

  beforeEach(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-create-store-'));
  });

  afterEach(async function () {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('builds the embedded store, keeping its records in dataDir', async function () {
    const store = await createStore({ store: { type: 'embedded' }, dataDir });
    await store.putRecord('user', 'alice', { v: 1 });
    await store.close();
    const again = await createStore({ store: { type: 'embedded' }, dataDir });
    assert.deepEqual(await again.getRecord('user', 'alice'), { v: 1 });
    await again.close();
  });

  it('says plainly that the redis store is not available yet', async function () {
    await assert.rejects(
      createStore({ store: { type: 'redis', url: 'redis://127.0.0.1:6379' }, dataDir }),
      { message: 'the redis store is not available yet' },
    );
  });
});
