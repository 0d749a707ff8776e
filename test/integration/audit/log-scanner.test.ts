import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ApiTokens } from '../../../src/admin/index.js';
import { FormBrowser, type BrowserResponse } from '../../helpers/form-browser.js';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';
import { signInAnotherWay, submitCode } from '../mfa/mfa-flows.js';
import { adminCsrf, withCookies } from '../admin/admin-flows.js';
import { activationUrl, cli, createShiftableClock, pendingOn, respond, shownNumber, submitForm } from '../push/push-flows.js';

const PASSWORD = 'Tr0ub4dor&3-correct-horse';
const WRONG = 'hunter2-wrong-guess-xyz';
const MFA = { acr_values: 'urn:gatehouse:acr:mfa' };

/** Every line a pino logger wrote, as it would reach stdout. */
function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  let partial = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = partial + chunk.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop()!;
      lines.push(...parts.filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

/**
 * Runs the flows that handle secrets (password, wrong password, portal enrollment of TOTP with recovery codes,
 * TOTP and recovery-code sign-ins, a phone's activation and a push approval, admin sign-in and actions with a
 * session and with an API token) with the logger at trace level and a file audit sink, then looks for every secret
 * in every line.
 */
describe('the logs and the audit trail never hold a secret', () => {
  // Real time that can be moved on: the reference authenticator signs its calls with the real time.
  const clock = createShiftableClock();
  const secrets = new Map<string, string>();
  const keep = (what: string, value: string | undefined) => {
    assert.ok(value && value.length >= 6, `${what} was captured`);
    secrets.set(value, what);
  };
  let gh: RunningGatehouse;
  let dir: string;
  let auditFile: string;
  let logged: string[];

  before(async function () {
    this.timeout(120_000);
    dir = await makeTempDir('gatehouse-scan-');
    auditFile = join(dir, 'audit.log');
    const log = capture();
    logged = log.lines;
    gh = await startGatehouse(
      { audit: { sinks: ['stdout', { file: auditFile }], personalFields: true }, log: { level: 'trace' } },
      { clock, logger: pino({ level: 'trace' }, log.stream) },
    );
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson', email: 'alice@example.org', groups: ['GatehouseAdmins'] });
    await gh.addUser('bob', PASSWORD);
    keep('password', PASSWORD);
    keep('wrong password', WRONG);
    const now = () => clock.now() / 1000;
    const browsers: FormBrowser[] = [];
    const browser = () => {
      const made = new FormBrowser((url) => url.host === '127.0.0.1:9');
      browsers.push(made);
      return made;
    };

    // A wrong password, then the right one, to an OIDC app.
    const oidc = await discoverClient(gh.url);
    const app = browser();
    const wrong = await signInWithPassword(app, await startAuthorization(oidc), 'bob', WRONG);
    await app.submit(wrong, { password: PASSWORD });

    // The portal: password sign-in, TOTP enrollment (key and first code), recovery codes shown once.
    const portal = browser();
    const identify = await portal.get(`${gh.url}/portal`);
    await portal.submit(await portal.submit(identify, { username: 'alice' }), { password: PASSWORD });
    const setup = await portal.get(`${gh.url}/portal/methods/totp/enroll`);
    const key = /<code id="totp-key">([^<]+)<\/code>/.exec(setup.body)?.[1]?.replace(/\s+/g, '');
    keep('TOTP key', key);
    clock.advance(30_000);
    const enrollCode = await oathtoolTotp(key!, now());
    keep('enrollment code', enrollCode);
    const shown = await portal.submit(setup, { code: enrollCode });
    const codes = [...shown.body.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((m) => m[1]!);
    assert.equal(codes.length, 10);
    codes.forEach((code, i) => keep(`recovery code ${i + 1}`, code));

    // TOTP sign-in, a wrong code first.
    clock.advance(30_000);
    const totpApp = browser();
    const challenge = await signInWithPassword(totpApp, await startAuthorization(oidc, MFA), 'alice', PASSWORD);
    const wrongCode = String((Number(await oathtoolTotp(key!, now())) + 1) % 1_000_000).padStart(6, '0');
    keep('wrong code', wrongCode);
    const signinCode = await oathtoolTotp(key!, now());
    keep('TOTP code', signinCode);
    await submitCode(totpApp, await submitCode(totpApp, challenge, wrongCode), signinCode);

    // Recovery code sign-in.
    const recoveryApp = browser();
    const recoveryPage: BrowserResponse = await signInAnotherWay(recoveryApp, await signInWithPassword(recoveryApp, await startAuthorization(oidc, MFA), 'alice', PASSWORD), 'recovery');
    await submitCode(recoveryApp, recoveryPage, codes[0]!);

    // A phone: its activation code and private key are secrets; then a push approval with number matching.
    const url = await activationUrl(gh, 'bob');
    keep('activation code', new URL(url).searchParams.get('code') ?? undefined);
    const profile = join(dir, 'bob-phone.json');
    const enrolled = await cli(['authenticator', 'enroll', url, '--profile', profile, '--name', 'bob-phone']);
    assert.equal(enrolled.code, 0, enrolled.err.join('\n'));
    const phone = JSON.parse(await readFile(profile, 'utf8')) as { privateJwk: { d: string } };
    keep('device private key', phone.privateJwk.d);
    const pushApp = browser();
    const pushPage = await signInWithPassword(pushApp, await startAuthorization(oidc, MFA), 'bob', PASSWORD);
    assert.equal((await pendingOn(profile)).length, 1);
    await respond(profile, '--approve', '--number', String(shownNumber(pushPage)));
    await submitForm(pushApp, pushPage, '/mfa');

    // Admin sign-in with TOTP, then an action through the pages (CSRF) and one through the API with a token.
    clock.advance(30_000);
    const admin = browser();
    let page = await admin.get(`${gh.url}/admin`);
    page = await admin.submit(await admin.submit(page, { username: 'alice' }), { password: PASSWORD });
    const adminCode = await oathtoolTotp(key!, now());
    keep('admin TOTP code', adminCode);
    page = await admin.submit(page, { code: adminCode });
    assert.match(page.body, /Overview/);
    const csrf = adminCsrf(page);
    keep('admin CSRF token', csrf);
    await admin.post(`${gh.url}/admin/users/bob/unlock`, { csrf });
    await fetch(`${gh.url}/admin/api/users/bob/unlock`, withCookies(admin, { method: 'POST', headers: { 'x-csrf-token': csrf } }));
    const token = (await new ApiTokens(gh.gatehouse.registry.store, clock).create('scanner', null)).token;
    keep('API token', token);
    for (const path of ['/users/alice', '/users/bob/reset-mfa', '/audit?limit=50']) {
      await fetch(`${gh.url}/admin/api${path}`, { method: path.includes('reset') ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}` } });
    }
    await fetch(`${gh.url}/admin/api/users/alice`, { headers: { authorization: `Bearer ${token.slice(0, -2)}xx` } });

    for (const [i, b] of browsers.entries()) for (const [name, value] of b.cookies) keep(`cookie ${name} (browser ${i + 1})`, value);
    await gh.gatehouse.stop();
  });
  after(async () => {
    await removeTempDir(gh.dir);
    await removeTempDir(dir);
  });

  it('captured the flows: log lines at trace level and the audit file, with audit events in both', async () => {
    const file = (await readFile(auditFile, 'utf8')).split('\n').filter(Boolean);
    assert.ok(logged.length > 30, `${logged.length} log lines`);
    assert.ok(logged.some((line) => line.includes('"audit":true') && line.includes('"event":"mfa.completed"')));
    for (const event of ['password.checked', 'method.enrolled', 'mfa.completed', 'device.activated', 'push.approved', 'admin.signin', 'admin.user.unlocked', 'admin.user.reset_mfa']) {
      assert.ok(file.some((line) => line.includes(`"event":"${event}"`)), `${event} in the audit file`);
    }
    assert.ok(secrets.size >= 20, `${secrets.size} secrets to look for`);
  });

  it('finds no password, code, TOTP key, recovery code, activation code, device key, API token, CSRF token or cookie in any line', async () => {
    const lines = [...logged, ...(await readFile(auditFile, 'utf8')).split('\n').filter(Boolean)];
    const found: string[] = [];
    for (const [secret, what] of secrets) {
      // Short numeric codes are matched as whole numbers only (a timestamp may contain any six digits).
      const pattern = /^\d+$/.test(secret) ? new RegExp(`(?<![0-9])${secret}(?![0-9])`) : undefined;
      for (const line of lines) {
        const variants = [secret, encodeURIComponent(secret), secret.toLowerCase()];
        if (pattern ? pattern.test(line) : variants.some((v) => line.includes(v))) found.push(`${what} in: ${line.slice(0, 300)}`);
      }
    }
    assert.deepEqual(found, []);
  });
});
