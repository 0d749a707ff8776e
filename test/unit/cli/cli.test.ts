import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/types.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

function io(env: NodeJS.ProcessEnv, stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => void stdout.push(l), err: (l) => void stderr.push(l), stdin: Readable.from([stdin]), env };
}

describe('the gatehouse command', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = await makeTempDir();
    const file = join(dir, 'gatehouse.yaml');
    await writeFile(file, 'dataDir: ./data\n');
    env = { GATEHOUSE_CONFIG: file };
  });
  after(() => removeTempDir(dir));

  it('adds a user with the password from standard input, then lists it', async () => {
    const add = io(env, 'a long password\n');
    assert.equal(await main(['users', 'add', 'alice', '--password-stdin', '--name', 'Alice A', '--groups', 'staff,admins'], add), 0);
    assert.deepEqual(add.stdout, ['added alice']);
    const list = io(env);
    assert.equal(await main(['users', 'list', '--json'], list), 0);
    const users = JSON.parse(list.stdout.join('\n')) as Array<{ login: string; groups: string[] }>;
    assert.deepEqual(users.map((u) => [u.login, u.groups]), [['alice', ['staff', 'admins']]]);
  });

  it('exits 1 with one line when the operation fails', async () => {
    const again = io(env, 'a long password\n');
    assert.equal(await main(['users', 'add', 'alice', '--password-stdin'], again), 1);
    assert.deepEqual(again.stderr, ['gatehouse users add: user alice already exists']);
    const gone = io(env);
    assert.equal(await main(['users', 'remove', 'nobody'], gone), 1);
  });

  it('sets a password and removes a user', async () => {
    assert.equal(await main(['users', 'set-password', 'alice', '--password', 'another password'], io(env)), 0);
    assert.equal(await main(['users', 'remove', 'alice'], io(env)), 0);
    const list = io(env);
    await main(['users', 'list'], list);
    assert.match(list.stdout[0]!, /no users yet/);
  });

  it('exits 2 with one line on wrong usage', async () => {
    for (const args of [['users'], ['users', 'add'], ['users', 'add', 'bob', '--pasword', 'x'], ['frobnicate'], ['users', 'add', 'bob']]) {
      const run = io(env);
      assert.equal(await main(args, run), 2, args.join(' '));
      assert.equal(run.stderr.length, 1, args.join(' '));
    }
  });

  it('exits 2 with one line naming the key of a bad config', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'listen: { port: high }\n');
    const run = io({});
    assert.equal(await main(['users', 'list', '--config', bad], run), 2);
    assert.deepEqual(run.stderr, [`gatehouse users: bad config: ${bad}: listen.port: Invalid input: expected number, received string`]);
  });

  it('prints help for every verb', async () => {
    for (const verb of ['start', 'users']) {
      const run = io(env);
      assert.equal(await main([verb, '--help'], run), 0);
      assert.match(run.stdout[0]!, /^usage: gatehouse/);
    }
  });
});
