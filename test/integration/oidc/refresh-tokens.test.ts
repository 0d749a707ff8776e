import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startGatehouse, TEST_CLIENT, TEST_REDIRECT_URI, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

describe('refresh tokens, per app', () => {
  let gh: RunningGatehouse;

  before(async () => {
    gh = await startGatehouse({
      relyingParties: [
        { type: 'oidc', id: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, redirectUris: [TEST_REDIRECT_URI] },
        { type: 'oidc', id: 'kiosk', clientSecret: 'kiosk-secret-for-tests-only', redirectUris: [TEST_REDIRECT_URI], refreshTokens: false },
      ],
    });
    await gh.addUser('alice', 'alice password');
  });
  after(() => gh.stop());

  const signIn = async (config: client.Configuration) => {
    const start = await startAuthorization(config);
    return redeem(config, start, (await signInWithPassword(appBrowser(), start, 'alice', 'alice password')).url);
  };

  it('gives an app a refresh token it can renew with, by default', async () => {
    const config = await discoverClient(gh.url);
    const tokens = await signIn(config);
    assert.ok(tokens.refresh_token);
    assert.ok((await client.refreshTokenGrant(config, tokens.refresh_token)).access_token);
  });

  it('gives none to an app registered with refreshTokens: false, even when it asks for offline_access', async () => {
    const config = await discoverClient(gh.url, 'kiosk', 'kiosk-secret-for-tests-only');
    const tokens = await signIn(config);
    assert.ok(tokens.access_token);
    assert.equal(tokens.refresh_token, undefined);
  });

  it('refuses the refresh grant to that app, even with a refresh token taken from another app', async () => {
    const kiosk = await discoverClient(gh.url, 'kiosk', 'kiosk-secret-for-tests-only');
    const appTokens = await signIn(await discoverClient(gh.url));
    await assert.rejects(client.refreshTokenGrant(kiosk, appTokens.refresh_token!), (error: Error & { error?: string; error_description?: string }) => {
      // oidc-provider answers invalid_request with this description, before it looks at the token.
      assert.equal(error.error, 'invalid_request');
      assert.match(error.error_description ?? '', /grant type is not allowed for this client/);
      return true;
    });
  });
});
