import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../../helpers/run-command.js';

const script = fileURLToPath(new URL('../../helpers/ensure-system-packages.js', import.meta.url));

describe('the system package check', () => {
  it('prints nothing and succeeds when every package is installed', async () => {
    const result = await runCommand(process.execPath, [script]);
    assert.deepEqual(result, { code: 0, stdout: '', stderr: '' });
  });
});
