import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { appBrowser, discoverClient, startAuthorization } from '../../helpers/oidc-client.js';
import { readForms } from '../../helpers/form-browser.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

describe('bad input to the OIDC sign-in', () => {
  let gh: RunningGatehouse;
  let config: client.Configuration;

  before(async () => {
    gh = await startGatehouse();
    await gh.addUser('alice', 'correct horse battery');
    config = await discoverClient(gh.url);
  });
  after(() => gh.stop());

  afterEach(async () => {
    const health = await fetch(`${gh.url}/healthz`);
    assert.equal(health.status, 200, 'the server is still up');
  });

  const noTrace = (body: string) => assert.doesNotMatch(body, /at [\w.<>]+ \(|node_modules|Error:/, 'no stack trace reaches the user');

  it('shows a clear page for an unknown client and never redirects anywhere', async () => {
    const start = await startAuthorization(config);
    start.url.searchParams.set('client_id', 'nobody');
    const page = await appBrowser().get(start.url.toString());
    assert.equal(page.status, 400);
    assert.match(page.body, /invalid_client/);
    noTrace(page.body);
  });

  it('refuses a redirect_uri that is not registered, without redirecting to it', async () => {
    const start = await startAuthorization(config);
    start.url.searchParams.set('redirect_uri', 'https://evil.example/cb');
    const page = await appBrowser().get(start.url.toString());
    assert.equal(page.status, 400);
    assert.match(page.body, /redirect_uri/);
    noTrace(page.body);
  });

  it('refuses an authorization request without PKCE', async () => {
    const start = await startAuthorization(config);
    start.url.searchParams.delete('code_challenge');
    start.url.searchParams.delete('code_challenge_method');
    const answer = await appBrowser().get(start.url.toString());
    assert.equal(answer.status, 0, 'the error goes back to the registered redirect URI');
    assert.equal(new URL(answer.url).searchParams.get('error'), 'invalid_request');
  });

  it('refuses a form without its CSRF token', async () => {
    const browser = appBrowser();
    const identify = await browser.get((await startAuthorization(config)).url.toString());
    const answer = await browser.submit(identify, { username: 'alice', csrf: '' });
    assert.equal(answer.status, 400);
    assert.match(answer.body, /This form has expired/);
    noTrace(answer.body);
  });

  it('refuses a form with another sign-in’s CSRF token', async () => {
    const browser = appBrowser();
    const first = await browser.get((await startAuthorization(config)).url.toString());
    const second = await browser.get((await startAuthorization(config)).url.toString());
    const otherCsrf = readForms(second.body)[0]!.fields.csrf!;
    const answer = await browser.submit(first, { username: 'alice', csrf: otherCsrf });
    assert.equal(answer.status, 400);
  });

  it('refuses a sign-in posted from another browser (login CSRF)', async () => {
    const victim = appBrowser();
    const attacker = appBrowser();
    const page = await attacker.get((await startAuthorization(config)).url.toString());
    const form = readForms(page.body)[0]!;
    const answer = await victim.post(new URL(form.action, page.url).toString(), { ...form.fields, username: 'alice' });
    assert.equal(answer.status, 403);
    noTrace(answer.body);
  });

  it('refuses an oversized form with 413 and a page under the same strict Content-Security-Policy', async () => {
    const browser = appBrowser();
    const identify = await browser.get((await startAuthorization(config)).url.toString());
    const answer = await browser.submit(identify, { username: 'a'.repeat(64 * 1024) });
    assert.equal(answer.status, 413);
    noTrace(answer.body);
    assert.match(answer.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(answer.headers.get('x-frame-options'), 'DENY');
  });

  it('answers an unknown or expired sign-in with a page saying what to do', async () => {
    const page = await appBrowser().get(`${gh.url}/signin/t/AAAAAAAAAAAAAAAAAAAAAAAA`);
    assert.equal(page.status, 404);
    assert.match(page.body, /Go back to the application and start again/);
  });

  it('sends the pages with a strict Content-Security-Policy and HttpOnly SameSite cookies', async () => {
    const start = await startAuthorization(config);
    const first = await fetch(start.url, { redirect: 'manual' });
    const cookies = first.headers.getSetCookie();
    assert.ok(cookies.length > 0);
    for (const cookie of cookies) {
      assert.match(cookie, /httponly/i, cookie);
      assert.match(cookie, /samesite=lax/i, cookie);
    }
    const browser = appBrowser();
    const page = await browser.get(start.url.toString());
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(page.body, /autocomplete="username"/);
  });
});
