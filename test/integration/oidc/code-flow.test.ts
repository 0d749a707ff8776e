import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

describe('OIDC code flow with PKCE on embedded defaults', () => {
  let gh: RunningGatehouse;
  let config: client.Configuration;

  before(async () => {
    gh = await startGatehouse();
    await gh.addUser('alice', 'correct horse battery', { name: 'Alice Andersson', email: 'alice@example.org', groups: ['staff'] });
    config = await discoverClient(gh.url);
  });
  after(() => gh.stop());

  it('signs a user in with username and password and gives the app verified tokens', async () => {
    const start = await startAuthorization(config);
    const browser = appBrowser();
    const callback = await signInWithPassword(browser, start, 'alice', 'correct horse battery');
    assert.ok(callback.url.startsWith('http://127.0.0.1:9/callback?'), `ended at ${callback.url}`);

    const tokens = await redeem(config, start, callback.url);
    const jwks = createRemoteJWKSet(new URL(`${gh.url}/oidc/jwks`));
    const { payload } = await jwtVerify(tokens.id_token!, jwks, { issuer: `${gh.url}/oidc`, audience: 'app' });
    const user = await gh.gatehouse.registry.directory.findUser('alice');
    assert.equal(payload.sub, user!.id);
    assert.deepEqual(payload.amr, ['pwd']);
    assert.equal(payload.acr, 'urn:gatehouse:acr:pwd');
    assert.ok(tokens.refresh_token, 'a refresh token is issued');

    const info = await client.fetchUserInfo(config, tokens.access_token, user!.id);
    assert.equal(info.preferred_username, 'alice');
    assert.equal(info.name, 'Alice Andersson');
    assert.equal(info.email, 'alice@example.org');
    assert.deepEqual(info.groups, ['staff']);

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    assert.ok(refreshed.access_token);
    assert.notEqual(refreshed.access_token, tokens.access_token);
  });

  it('answers the authorization with the first page and each form with the next one, no redirect between pages', async () => {
    const start = await startAuthorization(config);
    const browser = appBrowser();
    const identify = await browser.get(start.url.toString());
    assert.equal(identify.status, 200);
    assert.match(new URL(identify.url).pathname, /^\/signin\/oidc\/[^/]+$/, 'the first page is the interaction URL\'s own answer');
    assert.match(identify.body, /name="username"/);
    const passwordPage = await browser.submit(identify, { username: 'alice' });
    assert.equal(passwordPage.status, 200);
    assert.match(new URL(passwordPage.url).pathname, /^\/signin\/t\/[^/]+\/identify$/, 'the password page is the identify form\'s answer');
    assert.match(passwordPage.body, /name="password"/);
    assert.match(passwordPage.body, /href="\/lang\?l=sv&amp;return=%2Fsignin%2Ft%2F[^"/]+"/, 'the language menu returns to the sign-in, not to the form\'s address');

    const reopened = await browser.get(passwordPage.url);
    assert.match(reopened.body, /name="password"/, 'the form\'s address, opened again, shows the current page');
    const callback = await browser.submit(passwordPage, { password: 'correct horse battery' });
    assert.ok(callback.url.startsWith('http://127.0.0.1:9/callback?'), `ended at ${callback.url}`);
    assert.ok((await redeem(config, start, callback.url)).id_token);
  });

  it('re-uses the SSO session for a second sign-in without asking for the password again', async () => {
    const browser = appBrowser();
    const first = await startAuthorization(config);
    await signInWithPassword(browser, first, 'alice', 'correct horse battery');
    const second = await startAuthorization(config);
    const callback = await browser.get(second.url.toString());
    assert.ok(callback.url.startsWith('http://127.0.0.1:9/callback?'), `ended at ${callback.url}`);
    const events = gh.auditEvents.filter((e) => e.event === 'access.decided');
    assert.ok(events.length >= 2, 'conditional access ran on the SSO re-use too');
  });

  it('asks for the password again when the app sends prompt=login', async () => {
    const browser = appBrowser();
    await signInWithPassword(browser, await startAuthorization(config), 'alice', 'correct horse battery');
    const page = await browser.get((await startAuthorization(config, { prompt: 'login' })).url.toString());
    assert.equal(page.status, 200);
    assert.match(page.body, /autocomplete="username"/);
  });

  it('answers a wrong password and an unknown user with the same message', async () => {
    const wrongPassword = await signInWithPassword(appBrowser(), await startAuthorization(config), 'alice', 'wrong password!');
    const unknownUser = await signInWithPassword(appBrowser(), await startAuthorization(config), 'mallory', 'wrong password!');
    const message = (body: string) => /<p id="password-error"[^>]*>([^<]*)<\/p>/.exec(body)?.[1];
    assert.equal(message(wrongPassword.body), 'The username or password is incorrect.');
    assert.equal(message(unknownUser.body), message(wrongPassword.body));
  });

  it('ends the session at end-session, so the next sign-in asks for the password', async () => {
    const browser = appBrowser();
    const start = await startAuthorization(config);
    const callback = await signInWithPassword(browser, start, 'alice', 'correct horse battery');
    const tokens = await redeem(config, start, callback.url);
    const logoutUrl = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://127.0.0.1:9/bye' });
    const question = await browser.get(logoutUrl.toString());
    assert.match(question.body, /sign out/i);
    const done = await browser.submit(question, { logout: 'yes' });
    assert.ok(done.url.startsWith('http://127.0.0.1:9/bye'), `ended at ${done.url}`);
    const again = await browser.get((await startAuthorization(config)).url.toString());
    assert.match(again.body, /autocomplete="username"/);
  });
});
