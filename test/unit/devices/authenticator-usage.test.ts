import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/types.js';
import { freePort } from '../../helpers/free-port.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => void out.push(line), err: (line) => void err.push(line), stdin: Readable.from(['']), env: {} };
  return { code: await main(args, io), out, err };
}

describe('the gatehouse authenticator command', () => {
  let dir: string;
  before(async () => {
    dir = await makeTempDir('gatehouse-authenticator-');
  });
  after(() => removeTempDir(dir));

  it('prints its usage with --help', async () => {
    const help = await run(['authenticator', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out[0]!, /^usage: gatehouse authenticator enroll URL_OR_CODE --profile FILE/);
  });

  it('exits 2 with one line on wrong usage', async () => {
    const profile = join(dir, 'p.json');
    for (const args of [
      ['authenticator'],
      ['authenticator', 'frobnicate', '--profile', profile],
      ['authenticator', 'pending'],
      ['authenticator', 'enroll', '--profile', profile],
      ['authenticator', 'pending', 'extra', '--profile', profile],
      ['authenticator', 'pending', '--profile', profile, '--wait', '99'],
      ['authenticator', 'respond', '--profile', profile],
      ['authenticator', 'respond', '--profile', profile, '--approve', '--deny'],
      ['authenticator', 'respond', '--profile', profile, '--approve'],
      ['authenticator', 'respond', '--profile', profile, '--approve', '--number', '12', '--uv', 'retina'],
      ['authenticator', 'passwordless', '--profile', profile],
      ['authenticator', 'passwordless', '--profile', profile, '--enable', '--disable'],
      ['authenticator', 'respond', '--profile', profile, '--aprove'],
    ]) {
      const result = await run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.err.length, 1, args.join(' '));
    }
  });

  it('exits 1 with one line when the profile cannot be read, and will not overwrite one', async () => {
    const missing = await run(['authenticator', 'pending', '--profile', join(dir, 'missing.json')]);
    assert.equal(missing.code, 1);
    assert.deepEqual(missing.err, [`gatehouse authenticator: cannot read the profile ${join(dir, 'missing.json')}: ENOENT`]);
    const existing = join(dir, 'existing.json');
    await writeFile(existing, '{}');
    const notProfile = await run(['authenticator', 'pending', '--profile', existing]);
    assert.match(notProfile.err[0]!, /is not an activated authenticator profile/);
    const overwrite = await run(['authenticator', 'enroll', 'http://127.0.0.1:9/device/v1/activate?code=ABCD-1234-EFGH', '--profile', existing]);
    assert.equal(overwrite.code, 1);
    assert.match(overwrite.err[0]!, /already exists/);
  });

  it('says which address it cannot reach', async () => {
    const port = await freePort();
    const unreachable = await run(['authenticator', 'enroll', `http://127.0.0.1:${port}/device/v1/activate?code=ABCD-1234-EFGH`, '--profile', join(dir, 'new.json')]);
    assert.equal(unreachable.code, 1);
    assert.deepEqual(unreachable.err, [`gatehouse authenticator: cannot reach http://127.0.0.1:${port}: ECONNREFUSED`]);
  });
});
