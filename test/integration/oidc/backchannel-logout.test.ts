import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { nodeSamlSp, postedForm, samlRelyingParty, signIn, spBrowser, spSlo, startSso, type TestSpOptions } from '../../helpers/saml-sp.js';
import { startGatehouse, TEST_CLIENT, TEST_REDIRECT_URI, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

const BYE = 'http://127.0.0.1:9/bye';
const LISTENING = { id: 'listening', secret: 'listening-secret-for-tests-only' };
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const SP: TestSpOptions = { id: 'wiki', signingKey: 'sp-signing', wantRequestsSigned: true };

/** An app's back-channel logout endpoint: keeps each posted logout_token and answers with the status it is told. */
async function startLogoutEndpoint() {
  const tokens: string[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const token = new URLSearchParams(body).get('logout_token');
      if (req.method === 'POST' && token) tokens.push(token);
      res.writeHead(status, { 'cache-control': 'no-store' }).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/backchannel-logout`,
    tokens,
    answerWith: (next: number) => (status = next),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('OIDC back-channel logout', () => {
  let gh: RunningGatehouse;
  let endpoint: Awaited<ReturnType<typeof startLogoutEndpoint>>;
  let app: client.Configuration;
  let listening: client.Configuration;

  before(async () => {
    endpoint = await startLogoutEndpoint();
    gh = await startGatehouse({
      relyingParties: [
        { type: 'oidc', id: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, redirectUris: [TEST_REDIRECT_URI], postLogoutRedirectUris: [BYE] },
        { type: 'oidc', id: LISTENING.id, clientSecret: LISTENING.secret, redirectUris: [TEST_REDIRECT_URI], backchannelLogoutUri: endpoint.url },
        samlRelyingParty(SP),
      ],
    });
    await gh.addUser('alice', 'alice password', { email: 'alice@example.org' });
    app = await discoverClient(gh.url);
    listening = await discoverClient(gh.url, LISTENING.id, LISTENING.secret);
  });
  after(async () => {
    await gh?.stop();
    await endpoint?.stop();
  });

  /** Signs one browser in to both apps; returns the ID tokens. */
  async function signInToBoth() {
    const browser = appBrowser();
    const first = await startAuthorization(app);
    const appTokens = await redeem(app, first, (await signInWithPassword(browser, first, 'alice', 'alice password')).url);
    const second = await startAuthorization(listening);
    const listeningTokens = await redeem(listening, second, (await browser.get(second.url.toString())).url);
    return { browser, appIdToken: appTokens.id_token!, listening: listeningTokens.claims()! };
  }

  it('posts the listening app a logout token, signed and naming the session of its ID token, when the user signs out of the other app', async () => {
    const { browser, appIdToken, listening: claims } = await signInToBoth();
    assert.ok(claims.sid, 'the ID token of an app with a back-channel logout URI names the session');
    const before = endpoint.tokens.length;
    const question = await browser.get(client.buildEndSessionUrl(app, { id_token_hint: appIdToken, post_logout_redirect_uri: BYE }).toString());
    const answer = await browser.submit(question, { logout: 'yes' });
    assert.equal(answer.url, BYE);
    assert.equal(endpoint.tokens.length, before + 1);

    const token = endpoint.tokens.at(-1)!;
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(`${gh.url}/oidc/jwks`)), { issuer: `${gh.url}/oidc`, audience: LISTENING.id, typ: 'logout+jwt' });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.deepEqual(payload.events, { [LOGOUT_EVENT]: {} });
    assert.equal(payload.sub, claims.sub);
    assert.equal(payload.sid, claims.sid);
    assert.ok(payload.jti);
    assert.equal(payload.nonce, undefined, 'a logout token never carries a nonce');
    const audited = gh.auditEvents.filter((e) => e.event === 'oidc.backchannel_logout').at(-1);
    assert.equal(audited?.result, 'success');
    assert.equal(audited?.rp, LISTENING.id);
    assert.equal(audited?.uniqueId, 'alice');
  });

  it('sends nothing when the user stays signed in', async () => {
    const { browser, appIdToken } = await signInToBoth();
    const before = endpoint.tokens.length;
    const question = await browser.get(client.buildEndSessionUrl(app, { id_token_hint: appIdToken, post_logout_redirect_uri: BYE }).toString());
    await browser.submit(question, {});
    assert.equal(endpoint.tokens.length, before);
  });

  it('still signs the user out when the app refuses its token, and audits the failure', async () => {
    const { browser, appIdToken } = await signInToBoth();
    endpoint.answerWith(500);
    try {
      const question = await browser.get(client.buildEndSessionUrl(app, { id_token_hint: appIdToken, post_logout_redirect_uri: BYE }).toString());
      assert.equal((await browser.submit(question, { logout: 'yes' })).url, BYE);
    } finally {
      endpoint.answerWith(200);
    }
    const audited = gh.auditEvents.filter((e) => e.event === 'oidc.backchannel_logout').at(-1);
    assert.equal(audited?.result, 'failure');
    assert.match(audited?.reason ?? '', /500/);
    const token = endpoint.tokens.at(-1)!;
    assert.equal(decodeJwt(token).aud, LISTENING.id);
  });

  it('posts the logout token and ends the OIDC session, its tokens with it, when the user signs out at a SAML SP instead', async () => {
    const sp = await nodeSamlSp(gh.url, SP);
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, sp, 'redirect'), 'alice', 'alice password');
    const profile = (await sp.validatePostResponseAsync(postedForm(done).fields)).profile!;
    const start = await startAuthorization(listening);
    const tokens = await redeem(listening, start, (await browser.get(start.url.toString())).url);
    const claims = tokens.claims()!;
    assert.ok(tokens.refresh_token);

    const before = endpoint.tokens.length;
    const answer = await browser.get(await sp.getLogoutUrlAsync(profile, '', {}));
    assert.ok(answer.url.startsWith(spSlo(SP.id)), `the SP gets its LogoutResponse (ended at ${answer.url})`);
    assert.equal(endpoint.tokens.length, before + 1);
    const { payload } = await jwtVerify(endpoint.tokens.at(-1)!, createRemoteJWKSet(new URL(`${gh.url}/oidc/jwks`)), { issuer: `${gh.url}/oidc`, audience: LISTENING.id, typ: 'logout+jwt' });
    assert.equal(payload.sid, claims.sid);
    assert.equal(gh.auditEvents.filter((e) => e.event === 'oidc.backchannel_logout').at(-1)?.uniqueId, 'alice');

    const silent = await browser.get((await startAuthorization(listening, { prompt: 'none' })).url.toString());
    assert.equal(new URL(silent.url).searchParams.get('error'), 'login_required', 'the OIDC session is over too');
    // Tokens issued without offline_access (oidc-provider grants it only with a consent prompt) end with the session.
    await assert.rejects(client.refreshTokenGrant(listening, tokens.refresh_token!), (error: Error & { error?: string }) => error.error === 'invalid_grant');
    await assert.rejects(client.fetchUserInfo(listening, tokens.access_token, claims.sub), 'the access token is revoked');
  });
});
