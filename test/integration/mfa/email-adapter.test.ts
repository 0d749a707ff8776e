import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type * as client from 'openid-client';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { codeError, submitCode } from './mfa-flows.js';
import { startSmtpInbox } from './smtp-inbox.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/email-code/index.js', import.meta.url));
const PASSWORD = 'correct horse battery';
const MFA = { acr_values: 'urn:gatehouse:acr:mfa' };

describe('the third-party email-code adapter from examples/', () => {
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let gh: RunningGatehouse;
  let config: client.Configuration;
  const codeIn = (raw: string) => /Your sign-in code is (\d{6})/.exec(raw)?.[1];

  before(async () => {
    inbox = await startSmtpInbox();
    gh = await startGatehouse({
      mfa: { adapters: ['totp', 'recovery', { module: EXAMPLE, options: { maxTries: 3, subject: 'Sign-in code' } }] },
      smtp: { host: '127.0.0.1', port: inbox.port, secure: false, from: 'gatehouse@example.org' },
    });
    await gh.addUser('alice', PASSWORD, { email: 'alice@example.org' });
    await gh.addUser('bob', PASSWORD);
    config = await discoverClient(gh.url);
  });
  after(async () => {
    await gh?.stop();
    await inbox?.stop();
  });

  it('is loaded from config next to the built-in adapters', () => {
    assert.deepEqual(gh.gatehouse.registry.mfa.adapters.map((a) => a.id), ['totp', 'recovery', 'email']);
  });

  it('mails a code through the SMTP server in config and signs the user in with it', async () => {
    const start = await startAuthorization(config, MFA);
    const browser = appBrowser();
    const sent = inbox.mails.length;
    const page = await signInWithPassword(browser, start, 'alice', PASSWORD);
    assert.match(page.body, /We sent a 6-digit code to <strong>a•••@example.org<\/strong>/);
    const mail = await inbox.next(sent);
    assert.deepEqual(mail.to, ['alice@example.org']);
    assert.equal(mail.from, 'gatehouse@example.org');
    assert.match(mail.raw, /Subject: Sign-in code/);
    const code = codeIn(mail.raw);
    assert.ok(code, 'the mail holds the code');
    const callback = await submitCode(browser, page, code);
    assert.ok(callback.url.startsWith('http://127.0.0.1:9/callback?'), `ended at ${callback.url}`);
    const claims = (await redeem(config, start, callback.url)).claims()!;
    assert.deepEqual(claims.amr, ['pwd', 'otp', 'mfa']);
    assert.equal(claims.acr, 'urn:gatehouse:acr:mfa');
    assert.ok(!JSON.stringify(gh.auditEvents).includes(code), 'the code never reaches the audit');
  });

  it('refuses a wrong code with its own message, then ends the sign-in after too many', async () => {
    const browser = appBrowser();
    const sent = inbox.mails.length;
    let page = await signInWithPassword(browser, await startAuthorization(config, MFA), 'alice', PASSWORD);
    const code = codeIn((await inbox.next(sent)).raw)!;
    const wrong = code === '000000' ? '000001' : '000000';
    page = await submitCode(browser, page, wrong);
    assert.equal(codeError(page), 'That code is not right. Check the email and try again.');
    page = await submitCode(browser, page, wrong);
    page = await submitCode(browser, page, wrong);
    assert.equal(page.status, 403);
    assert.match(page.body, /Too many wrong codes\. Go back to the application and sign in again\./);
  });

  it('is not offered to a user without an email address', async () => {
    const page = await signInWithPassword(appBrowser(), await startAuthorization(config, MFA), 'bob', PASSWORD);
    assert.match(page.body, /More information required/);
  });
});
