import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/types.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

function io(env: NodeJS.ProcessEnv): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => void stdout.push(l), err: (l) => void stderr.push(l), stdin: Readable.from(['a long password\n']), env };
}

describe('gatehouse policy', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = await makeTempDir();
    await writeFile(join(dir, 'gatehouse.yaml'), 'dataDir: ./data\nlocations: { corpnet: [10.0.0.0/8] }\nrelyingParties:\n  - { type: oidc, id: app, clientSecret: s, redirectUris: [https://app.example/cb] }\n');
    await writeFile(
      join(dir, 'policies.yaml'),
      'policies:\n  - name: MFA off corpnet\n    conditions: { locations: { exclude: [corpnet] } }\n    grant: { require: { mfa: true } }\n',
    );
    await writeFile(join(dir, 'bad.yaml'), 'policies:\n  - name: Broken\n    conditions: { locations: { include: [moon] }, weather: sunny }\n    grant: { block: true, require: { mfa: true } }\n');
    env = { GATEHOUSE_CONFIG: join(dir, 'gatehouse.yaml') };
    assert.equal(await main(['users', 'add', 'alice', '--password-stdin', '--groups', 'staff'], io(env)), 0);
  });
  after(() => removeTempDir(dir));

  it('check accepts a valid file and says how many policies it holds', async () => {
    const run = io(env);
    assert.equal(await main(['policy', 'check', join(dir, 'policies.yaml')], run), 0);
    assert.match(run.stdout[0]!, /1 policy, valid/);
  });

  it('check reports every problem of a bad file with its line and exits 1', async () => {
    const run = io(env);
    assert.equal(await main(['policy', 'check', join(dir, 'bad.yaml')], run), 1);
    const text = run.stderr.join('\n');
    assert.match(text, /bad\.yaml:3:\d+: error: .*moon/);
    assert.match(text, /weather/);
    assert.match(text, /grant/);
    assert.ok(run.stderr.length >= 3, text);
  });

  it('whatif explains a decision for a user outside corpnet as JSON in the contract shape', async () => {
    const run = io(env);
    assert.equal(await main(['policy', 'whatif', '--user', 'alice', '--rp', 'app', '--ip', '203.0.113.7', '--json'], run), 0);
    const explanation = JSON.parse(run.stdout.join('\n')) as { decision: string; requirements: { mfa: boolean }; policies: Array<{ name: string; matched: boolean; why: string[]; effect: string }> };
    assert.equal(explanation.decision, 'require');
    assert.equal(explanation.requirements.mfa, true);
    assert.deepEqual(explanation.policies.map((p) => [p.name, p.matched, p.effect]), [['MFA off corpnet', true, 'require']]);
    assert.ok(explanation.policies[0]!.why.some((why) => why.includes('203.0.113.7')));
  });

  it('whatif allows the same user on corpnet and says why the policy did not match', async () => {
    const run = io(env);
    assert.equal(await main(['policy', 'whatif', '--user', 'alice', '--rp', 'app', '--ip', '10.9.8.7'], run), 0);
    assert.equal(run.stdout[0], 'decision: allow');
    assert.match(run.stdout.join('\n'), /10\.9\.8\.7 is in corpnet \(excluded\)/);
  });

  it('whatif refuses an unknown user (exit 1) and a bad option value (exit 2)', async () => {
    assert.equal(await main(['policy', 'whatif', '--user', 'nobody', '--rp', 'app', '--ip', '10.0.0.1'], io(env)), 1);
    assert.equal(await main(['policy', 'whatif', '--user', 'alice', '--rp', 'app', '--ip', '10.0.0.1', '--device', 'maybe'], io(env)), 2);
    assert.equal(await main(['policy', 'whatif', '--user', 'alice', '--ip', '10.0.0.1'], io(env)), 2);
  });
});
