import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiTokens } from '../../../src/admin/index.js';
import type { UsageReport } from '../../../src/audit/index.js';
import { main } from '../../../src/cli/main.js';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';
import { enrollTotp, submitCode } from '../mfa/mfa-flows.js';
import { captureIo } from './cli-io.js';

const PASSWORD = 'correct horse battery';
const ATTACKER = '203.0.113.66';
const POLICIES = 'policies:\n  - name: No contractors\n    users: { include: { groups: [contractors] } }\n    grant: { block: true }\n';
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

describe('gatehouse report over traffic a test generated', () => {
  let gh: RunningGatehouse;
  let clock: FakeClock;
  let dir: string;
  let config: string;
  let adminReport: UsageReport;

  const report = async (...args: string[]) => {
    const io = captureIo();
    const code = await main(['report', '--config', config, ...args], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  before(async function () {
    this.timeout(180_000);
    dir = await makeTempDir('gatehouse-report-');
    const auditFile = join(dir, 'audit', 'audit.log');
    config = join(dir, 'gatehouse.yaml');
    await writeFile(config, `dataDir: ${dir}/cli-data\naudit: { sinks: [{ file: ${auditFile} }] }\n`);
    // An hour ago, so that every event lies in the past of the CLI's own clock.
    clock = createFakeClock(Date.now() - 3_600_000);
    gh = await startGatehouse({ trustedProxies: ['127.0.0.1/32'], lockout: { unfamiliarThreshold: 2 }, audit: { sinks: [{ file: auditFile }], personalFields: true } }, { clock, policies: POLICIES });
    await gh.addUser('alice', PASSWORD);
    await gh.addUser('bob', PASSWORD);
    await gh.addUser('carl', PASSWORD, { groups: ['contractors'] });
    const key = await enrollTotp(gh, 'alice', clock);
    const oidc = await discoverClient(gh.url);
    const signIn = async (login: string, password: string, headers: Record<string, string> = {}, extra: Record<string, string> = {}) => {
      const browser = appBrowser(headers);
      return { browser, page: await signInWithPassword(browser, await startAuthorization(oidc, extra), login, password) };
    };

    // 1-3: three password sign-ins.
    for (const login of ['alice', 'alice', 'bob']) assert.ok(isCallback((await signIn(login, PASSWORD)).page.url));
    // 4: a wrong password, then nothing.
    await signIn('bob', 'wrong');
    // 5: password and TOTP.
    clock.advance(30_000);
    const totp = await signIn('alice', PASSWORD, {}, { acr_values: 'urn:gatehouse:acr:mfa' });
    assert.ok(isCallback((await submitCode(totp.browser, totp.page, await oathtoolTotp(key, clock.now() / 1000))).url));
    // 6: blocked by policy.
    await signIn('carl', PASSWORD);
    // 7: started and left at the first page.
    await appBrowser().get((await startAuthorization(oidc)).url.toString());
    // 8: two wrong passwords from an unfamiliar place lock bob out there.
    const attack = await signIn('bob', 'guess 1', { 'X-Forwarded-For': ATTACKER });
    await attack.browser.submit(attack.page, { password: 'guess 2' });
    // Push outcomes come from the mobile app (src/devices); here they are recorded as the push service records them.
    for (const event of ['push.approved', 'push.approved', 'push.denied', 'push.unanswered', 'push.fraud', 'push.cancelled']) {
      gh.gatehouse.registry.audit.record({ event, result: event === 'push.approved' ? 'success' : 'failure', uniqueId: 'alice', authMode: 'push' });
    }
    // An admin action.
    const token = (await new ApiTokens(gh.gatehouse.registry.store, clock).create('ops', null)).token;
    assert.equal((await fetch(`${gh.url}/admin/api/users/bob/unlock`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status, 200);
    // The admin pages read the file the server is still writing: wait until its last event has landed.
    for (let i = 0; i < 200 && !(await readFile(auditFile, 'utf8')).includes('"event":"admin.user.unlocked"'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    adminReport = ((await (await fetch(`${gh.url}/admin/api/reports?period=week`, { headers: { authorization: `Bearer ${token}` } })).json()) as { report: UsageReport }).report;
    // Stopping flushes the audit file.
    await gh.gatehouse.stop();
  });
  after(async () => {
    await removeTempDir(gh.dir);
    await removeTempDir(dir);
  });

  it('counts sign-ins by result, method and relying party, denials by reason, push outcomes and lockouts', async () => {
    const { code, out, err } = await report('--since', '1d', '--format', 'json');
    assert.equal(code, 0, err);
    const json = JSON.parse(out) as UsageReport;
    assert.deepEqual(json.signins, {
      total: 8,
      byResult: { success: 4, failure: 3, incomplete: 1 },
      byMethod: { password: 3, 'password+totp': 1 },
      byRp: { app: { success: 4, failure: 3, incomplete: 1 } },
    });
    assert.deepEqual(json.denials, { total: 4, byReason: { 'password:invalid': 3, 'access:policy_block': 1 } });
    assert.deepEqual(json.push, { approved: 2, denied: 1, unanswered: 1, fraud: 1 });
    assert.equal(json.lockouts.triggered, 1);
    assert.deepEqual(json.lockouts.users.map((u) => [u.user, u.count, u.scopes, u.logOnly]), [['bob', 1, ['unfamiliar'], false]]);
    assert.deepEqual(json.policy, { allow: 4, require: 1, block: 1 });
    assert.deepEqual(json.admin.actions, { 'admin.user.unlocked': 1 });
  });

  it('shows the admin pages the same numbers for the last week', async () => {
    const cli = JSON.parse((await report('--since', '7d', '--format', 'json')).out) as UsageReport;
    for (const part of ['signins', 'denials', 'push', 'lockouts', 'policy', 'admin'] as const) assert.deepEqual(adminReport[part], cli[part], part);
  });

  it('writes the same numbers as CSV rows and as a table', async () => {
    const csv = await report('--since', '1d', '--format', 'csv');
    assert.equal(csv.code, 0);
    const rows = csv.out.split('\n');
    assert.equal(rows[0], 'metric,key,count');
    for (const row of ['signins.total,,8', 'signins.result,success,4', 'signins.method,password+totp,1', 'signins.rp.failure,app,3', 'denials.reason,password:invalid,3', 'push.outcome,fraud,1', 'lockouts.user,bob,1']) {
      assert.ok(rows.includes(row), `${row} in\n${csv.out}`);
    }
    const table = await report('--since', '1d');
    assert.match(table.out, /^Sign-ins: 8 \(success 4, failure 3, incomplete 1\)$/m);
    assert.match(table.out, /^ {2}password\+totp +1$/m);
    assert.match(table.out, /^ {2}bob +1 +unfamiliar /m);
  });

  it('leaves out what happened outside --since and --until', async () => {
    const { code, out } = await report('--since', new Date(Date.now() + 60_000).toISOString(), '--until', new Date(Date.now() + 120_000).toISOString(), '--format', 'json');
    assert.equal(code, 0);
    assert.equal((JSON.parse(out) as UsageReport).signins.total, 0);
  });

  it('exits 2 on wrong usage and 1 without an audit file to read', async () => {
    for (const args of [[], ['--since', 'yesterday'], ['--since', '1d', '--format', 'xml'], ['--since', '1d', 'extra']]) {
      const run = await report(...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.err.split('\n').length, 1);
    }
    const bare = join(dir, 'bare.yaml');
    await writeFile(bare, `dataDir: ${dir}/cli-data\naudit: { sinks: [stdout] }\n`);
    const io = captureIo();
    assert.equal(await main(['report', '--since', '1d', '--config', bare], io), 1);
    assert.match(io.stderr[0]!, /no audit file to read/);
  });
});
