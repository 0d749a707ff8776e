import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadOrCreateKeys } from '../../../src/keys/index.js';
import { makeKeysDir } from './temp-keys-dir.js';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./load-keys-child.ts', import.meta.url));
// `--import tsx` resolves from the working dir: the repo's, wherever mocha was started.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const NODES = 3;

describe('nodes starting together on one new keys dir', function () {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async function () {
    ({ dir, cleanup } = await makeKeysDir());
  });
  afterEach(async function () {
    await cleanup();
  });

  it('all end with the same key, as separate processes', async function () {
    // Far enough ahead for every process to have loaded tsx, so that they reach the dir at the same moment.
    const startAt = Date.now() + 3000;
    const results = await Promise.all(
      Array.from({ length: NODES }, () => run(process.execPath, ['--import', 'tsx', child, dir, String(startAt)], { cwd: repoRoot })),
    );
    const kids = results.map((result) => result.stdout);
    assert.equal(new Set(kids).size, 1, `kids: ${kids.join(', ')}`);
    assert.equal((await loadOrCreateKeys({ dir, organizationName: 'Contoso' })).signing.kid, kids[0]);
    assert.deepEqual(await readdir(dir), ['signing.pem']);
  });
});
