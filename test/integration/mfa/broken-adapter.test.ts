import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/types.js';
import { ConfigError } from '../../../src/config/config-error.js';
import { createGatehouse } from '../../../src/server.js';
import { freePort } from '../../helpers/free-port.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => void stdout.push(l), err: (l) => void stderr.push(l), stdin: Readable.from(['']), env: {} };
}

describe('a broken MFA adapter named in config', () => {
  let dir: string;

  before(async () => {
    dir = await makeTempDir();
    await writeFile(join(dir, 'half-adapter.mjs'), "export default () => ({ id: 'half', metadata: { displayName: { en: 'Half' }, amr: ['otp'], phishingResistant: false, firstFactor: false }, begin: async () => ({}) });\n");
  });
  after(() => removeTempDir(dir));

  async function start(module: string) {
    const file = join(dir, `gatehouse-${Math.random().toString(36).slice(2)}.yaml`);
    const port = await freePort();
    await writeFile(file, `listen: { port: ${port} }\ndataDir: ./data\nkeys: { dir: ./certs }\naudit: { sinks: [] }\nmfa:\n  adapters:\n    - totp\n    - module: ${module}\n`);
    const run = io();
    const code = await main(['start', '--config', file], run);
    return { code, run };
  }

  it('stops `gatehouse start` with exit 2 and one line when the module is missing', async () => {
    const { code, run } = await start('./no-such-adapter.js');
    assert.equal(code, 2);
    assert.equal(run.stderr.length, 1, run.stderr.join('\n'));
    assert.match(run.stderr[0]!, /^gatehouse start: bad config: config: mfa\.adapters\[1\]: module "\.\/no-such-adapter\.js" not found \(no file .*no-such-adapter\.js\)$/);
    assert.deepEqual(run.stdout, []);
  });

  it('stops `gatehouse start` with one line naming what does not fit the interface', async () => {
    const { code, run } = await start('./half-adapter.mjs');
    assert.equal(code, 2);
    assert.deepEqual(run.stderr, [
      'gatehouse start: bad config: config: mfa.adapters[1]: module "./half-adapter.mjs" does not fit the MfaAdapter interface: isAvailableForUser must be a function; tryEnd must be a function',
    ]);
  });

  it('makes createGatehouse reject with a ConfigError, leaving nothing listening', async () => {
    const port = await freePort();
    await assert.rejects(
      createGatehouse({ listen: { port }, dataDir: join(dir, 'embedded'), keys: { dir: join(dir, 'certs') }, audit: { sinks: [] }, mfa: { adapters: [{ module: join(dir, 'half-adapter.mjs') }] } }),
      (error: unknown) => error instanceof ConfigError && /mfa\.adapters\[0\]/.test(error.message),
    );
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`));
  });
});
