import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, loadPolicyFile } from '../../../src/policy/index.js';
import { context, OPTIONS } from './policy-test-helpers.js';

describe('loadPolicyFile', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'gatehouse-policy-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  it('loads a valid file into an engine, with its warnings', async () => {
    const path = join(dir, 'ok.yaml');
    await writeFile(path, 'policies:\n  - name: Block legacy\n    applications: { include: [payroll] }\n    conditions: { clients: [other] }\n    grant: { block: true }\n');
    const result = await loadPolicyFile(path, OPTIONS);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.deepEqual(result.warnings.map((w) => [w.line, w.path]), [[3, 'policies[0].applications.include[0]']]);
    assert.equal(evaluate(result.engine, context({ rpId: 'payroll', client: 'other' })).decision, 'block');
  });

  it('returns every problem of an invalid file instead of throwing', async () => {
    const path = join(dir, 'bad.yaml');
    await writeFile(path, 'policies:\n  - name: A\n    grant: { blok: true }\n  - name: A\n');
    const result = await loadPolicyFile(path, OPTIONS);
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.problems.map((p) => p.line), [3, 3, 4]);
  });

  it('reports a missing file as an error', async () => {
    const result = await loadPolicyFile(join(dir, 'missing.yaml'), OPTIONS);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problems[0]!.message, /cannot read .*missing\.yaml \(ENOENT\)/);
  });

  it('reads a missing file as no policies when allowed, with a warning', async () => {
    const result = await loadPolicyFile(join(dir, 'missing.yaml'), { ...OPTIONS, policyDefault: 'block', allowMissing: true });
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.match(result.warnings[0]!.message, /does not exist: no policies, so policyDefault \(block\) decides every sign-in/);
    assert.equal(evaluate(result.engine, context()).decision, 'block');
  });

  it('reports a folder given as the file as unreadable', async () => {
    const result = await loadPolicyFile(dir, { ...OPTIONS, allowMissing: true });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problems[0]!.message, /EISDIR/);
  });
});
