import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { createFakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, TEST_CLIENT, TEST_REDIRECT_URI, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { enrollTotp, submitCode } from '../mfa/mfa-flows.js';

const SECURE = { id: 'secure', secret: 'secure-secret-for-tests-only' };
const POLICIES = `policies:
  - name: The secure app needs MFA
    users: { include: all }
    applications: { include: [secure] }
    grant: { require: { mfa: true } }
  - name: The blocked group may not use the app
    users: { include: { groups: [blocked] } }
    applications: { include: [app] }
    grant: { block: true }
`;

/** Where a prompt=none request ended: the app's callback with a code, or with an error. */
const answerOf = (url: string) => {
  const params = new URL(url).searchParams;
  assert.ok(url.startsWith(`${TEST_REDIRECT_URI}?`), `the answer goes straight back to the app (ended at ${url})`);
  return { code: params.get('code'), error: params.get('error') };
};

describe('silent sign-in with prompt=none', () => {
  const clock = createFakeClock(Date.now());
  let gh: RunningGatehouse;
  let app: client.Configuration;
  let secure: client.Configuration;

  before(async () => {
    gh = await startGatehouse(
      {
        relyingParties: [
          { type: 'oidc', id: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, redirectUris: [TEST_REDIRECT_URI], postLogoutRedirectUris: ['http://127.0.0.1:9/bye'] },
          { type: 'oidc', id: SECURE.id, clientSecret: SECURE.secret, redirectUris: [TEST_REDIRECT_URI] },
        ],
      },
      { policies: POLICIES, clock },
    );
    await gh.addUser('alice', 'alice password');
    app = await discoverClient(gh.url);
    secure = await discoverClient(gh.url, SECURE.id, SECURE.secret);
  });
  after(() => gh.stop());

  const eventsOf = (transactionId: string | undefined) => gh.auditEvents.filter((e) => e.transactionId === transactionId).map((e) => e.event);
  const lastStarted = () => [...gh.auditEvents].reverse().find((e) => e.event === 'signin.started');

  it('answers with a code at once for a browser whose SSO session the policy lets through, after running the policy', async () => {
    const browser = appBrowser();
    const first = await startAuthorization(app);
    const firstTokens = await redeem(app, first, (await signInWithPassword(browser, first, 'alice', 'alice password')).url);

    const silent = await startAuthorization(app, { prompt: 'none' });
    const answer = await browser.get(silent.url.toString());
    const { code, error } = answerOf(answer.url);
    assert.equal(error, null);
    assert.ok(code);
    const tokens = await redeem(app, silent, answer.url);
    assert.equal(tokens.claims()!.sub, firstTokens.claims()!.sub);
    assert.deepEqual(tokens.claims()!.amr, ['pwd']);
    const started = lastStarted();
    assert.equal(started?.authMode, 'sso');
    assert.deepEqual(eventsOf(started?.transactionId), ['signin.started', 'access.decided', 'signin.completed']);
  });

  it('answers login_required to a browser with no session', async () => {
    const answer = await appBrowser().get((await startAuthorization(app, { prompt: 'none' })).url.toString());
    assert.equal(answerOf(answer.url).error, 'login_required');
  });

  it('answers interaction_required, without starting MFA or pushing anything, when the policy needs MFA the session did not do', async () => {
    const browser = appBrowser();
    await signInWithPassword(browser, await startAuthorization(app), 'alice', 'alice password');
    const answer = await browser.get((await startAuthorization(secure, { prompt: 'none' })).url.toString());
    assert.equal(answerOf(answer.url).error, 'interaction_required');
    const started = lastStarted();
    assert.deepEqual(eventsOf(started?.transactionId), ['signin.started', 'access.decided', 'signin.needs_interaction']);
    assert.equal(gh.auditEvents.at(-1)?.reason, 'mfa');
  });

  it('lets the app that needs MFA renew silently once the session did MFA', async () => {
    const key = await enrollTotp(gh, 'alice', clock);
    const browser = appBrowser();
    const first = await startAuthorization(secure);
    const mfaPage = await signInWithPassword(browser, first, 'alice', 'alice password');
    const callback = await submitCode(browser, mfaPage, await oathtoolTotp(key, clock.now() / 1000));
    assert.ok((await redeem(secure, first, callback.url)).id_token);

    const silent = await startAuthorization(secure, { prompt: 'none' });
    const answer = await browser.get(silent.url.toString());
    assert.ok(answerOf(answer.url).code);
    assert.deepEqual((await redeem(secure, silent, answer.url)).claims()!.amr, ['pwd', 'otp', 'mfa']);
  });

  it('answers login_required when the session is older than max_age', async () => {
    const browser = appBrowser();
    await signInWithPassword(browser, await startAuthorization(app), 'alice', 'alice password');
    clock.advance(120_000);
    const answer = await browser.get((await startAuthorization(app, { prompt: 'none', max_age: '60' })).url.toString());
    assert.equal(answerOf(answer.url).error, 'login_required');
  });

  it('answers login_required once the user signed out', async () => {
    const browser = appBrowser();
    const start = await startAuthorization(app);
    const tokens = await redeem(app, start, (await signInWithPassword(browser, start, 'alice', 'alice password')).url);
    const question = await browser.get(client.buildEndSessionUrl(app, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://127.0.0.1:9/bye' }).toString());
    await browser.submit(question, { logout: 'yes' });
    const answer = await browser.get((await startAuthorization(app, { prompt: 'none' })).url.toString());
    assert.equal(answerOf(answer.url).error, 'login_required');
  });

  it('answers login_required once the policy blocks the user, and audits the block', async () => {
    await gh.addUser('bob', 'bob password');
    const browser = appBrowser();
    await signInWithPassword(browser, await startAuthorization(app), 'bob', 'bob password');
    // The directory moves Bob into the blocked group after he signed in, as an AD admin would.
    const { store, directory } = gh.gatehouse.registry;
    const id = (await directory.findUser('bob'))!.id;
    const record = await store.getRecord<Record<string, unknown>>('directory.user', id);
    await store.putRecord('directory.user', id, { ...record, groups: ['blocked'] });

    const answer = await browser.get((await startAuthorization(app, { prompt: 'none' })).url.toString());
    assert.equal(answerOf(answer.url).error, 'login_required');
    const transactionId = lastStarted()?.transactionId;
    assert.deepEqual(eventsOf(transactionId), ['signin.started', 'access.decided', 'signin.needs_interaction']);
    const [decision, ending] = gh.auditEvents.filter((e) => e.transactionId === transactionId).slice(1);
    assert.equal(decision?.reason, 'policy_block');
    assert.equal(ending?.reason, 'access_blocked');
  });
});
