import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { main } from '../../../src/cli/main.js';
import type { EmbeddedDirectory } from '../../../src/directory/index.js';
import type { BrowserResponse, FormBrowser } from '../../helpers/form-browser.js';
import { appBrowser, discoverClient, startAuthorization } from '../../helpers/oidc-client.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { captureIo } from '../audit/cli-io.js';

const PASSWORD = 'correct horse battery';
const HOME = '198.51.100.10';
const ATTACKER = '203.0.113.66';
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

/** Counts the directory's password checks: the thing smart lockout keeps attackers from reaching. */
function countPasswordChecks(gh: RunningGatehouse): { calls: number } {
  const counter = { calls: 0 };
  const directory = gh.gatehouse.registry.directory as EmbeddedDirectory;
  const original = directory.verifyPassword.bind(directory);
  directory.verifyPassword = async (login, password) => {
    counter.calls++;
    return original(login, password);
  };
  return counter;
}

async function passwordPage(gh: RunningGatehouse, ip: string): Promise<{ browser: FormBrowser; page: BrowserResponse }> {
  const browser = appBrowser({ 'X-Forwarded-For': ip });
  const identify = await browser.get((await startAuthorization(await discoverClient(gh.url))).url.toString());
  return { browser, page: await browser.submit(identify, { username: 'alice' }) };
}

async function tryPassword(gh: RunningGatehouse, ip: string, password: string): Promise<BrowserResponse> {
  const { browser, page } = await passwordPage(gh, ip);
  return browser.submit(page, { password });
}

const passwordError = (page: BrowserResponse) => /<p id="password-error"[^>]*>([^<]*)<\/p>/.exec(page.body)?.[1];

describe('smart lockout in real sign-ins', () => {
  describe('in enforce mode', () => {
    let gh: RunningGatehouse;
    before(async () => {
      gh = await startGatehouse({ trustedProxies: ['127.0.0.1/32'], lockout: { mode: 'enforce', unfamiliarThreshold: 3, familiarThreshold: 5, window: '30m' } });
      await gh.addUser('alice', PASSWORD);
      assert.ok(isCallback((await tryPassword(gh, HOME, PASSWORD)).url), 'alice signs in from home once: home becomes familiar');
    });
    after(() => gh.stop());

    it('locks the attacker out without asking the directory, while alice still signs in from home', async () => {
      const checks = countPasswordChecks(gh);
      const { browser, page } = await passwordPage(gh, ATTACKER);
      let answer = page;
      for (let i = 0; i < 3; i++) answer = await browser.submit(answer, { password: `guess ${i}` });
      assert.equal(checks.calls, 3);
      assert.equal(passwordError(answer), 'The username or password is incorrect.');
      const refused = await browser.submit(answer, { password: 'guess 4' });
      assert.equal(checks.calls, 3, 'a locked-out source never reaches the directory');
      assert.equal(passwordError(refused), passwordError(answer), 'the attacker sees the same message as for a wrong password');
      const right = await tryPassword(gh, ATTACKER, PASSWORD);
      assert.ok(!isCallback(right.url), 'even the right password is refused from an unfamiliar place');
      assert.equal(checks.calls, 3);
      assert.ok(isCallback((await tryPassword(gh, HOME, PASSWORD)).url), 'alice still gets in from a familiar IP');

      const events = gh.auditEvents.filter((e) => e.clientIp === ATTACKER && (e.event === 'password.checked' || e.event.startsWith('lockout.')));
      assert.deepEqual(events.map((e) => `${e.event} ${e.result} ${e.reason}`), [
        'password.checked failure invalid',
        'password.checked failure invalid',
        'password.checked failure invalid',
        'lockout.triggered failure unfamiliar',
        'password.checked failure locked_out',
        'password.checked failure locked_out',
      ]);
      const triggered = events.find((e) => e.event === 'lockout.triggered')!;
      assert.equal(triggered.uniqueId, 'alice');
      assert.equal(triggered.rp, 'app');
      assert.ok(triggered.transactionId);
    });

    it('lets the user in from the attacker’s place again after gatehouse users unlock', async () => {
      const config = `${gh.dir}/gatehouse.yaml`;
      await writeFile(config, `dataDir: ${gh.dir}/data\nkeys: { dir: ${gh.dir}/certs }\naudit: { sinks: [] }\n`);
      const io = captureIo();
      assert.equal(await main(['users', 'unlock', 'alice', '--config', config], io), 0, io.stderr.join('\n'));
      assert.deepEqual(io.stdout, ['unlocked alice: smart lockout counters and lockouts cleared']);
      assert.ok(isCallback((await tryPassword(gh, ATTACKER, PASSWORD)).url), 'the running node saw the unlock at once');
      const missing = captureIo();
      assert.equal(await main(['users', 'unlock', 'nobody', '--config', config], missing), 1);
      assert.equal(await main(['users', 'unlock', '--config', config], captureIo()), 2);
    });
  });

  describe('in log-only mode', () => {
    let gh: RunningGatehouse;
    before(async () => {
      gh = await startGatehouse({ trustedProxies: ['127.0.0.1/32'], lockout: { mode: 'logOnly', unfamiliarThreshold: 2, familiarThreshold: 5, window: '30m' } });
      await gh.addUser('alice', PASSWORD);
    });
    after(() => gh.stop());

    it('locks nobody out, asks the directory every time, and audits the lockout it would have made', async () => {
      const checks = countPasswordChecks(gh);
      for (let i = 0; i < 2; i++) {
        const { browser, page } = await passwordPage(gh, ATTACKER);
        let answer = page;
        for (let j = 0; j < 3; j++) answer = await browser.submit(answer, { password: `guess ${i}${j}` });
      }
      assert.equal(checks.calls, 6);
      assert.ok(isCallback((await tryPassword(gh, ATTACKER, PASSWORD)).url), 'the right password still works from the same place');
      const lockouts = gh.auditEvents.filter((e) => e.event.startsWith('lockout.'));
      assert.deepEqual(lockouts.map((e) => `${e.event} ${e.result} ${e.reason}`), ['lockout.triggered info unfamiliar_log_only', 'lockout.cleared success signin_unfamiliar']);
      assert.ok(!gh.auditEvents.some((e) => e.reason === 'locked_out'));
    });
  });
});
