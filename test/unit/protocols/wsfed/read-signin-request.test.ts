import assert from 'node:assert/strict';
import { buildConfig, ConfigError } from '../../../../src/config/index.js';
import { loadWsfedRelyingParties, readSigninRequest, WsfedRefusal } from '../../../../src/protocols/wsfed/index.js';
import type { SsoSession } from '../../../../src/signin/sso-sessions.js';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const parties = loadWsfedRelyingParties(buildConfig({ relyingParties: [{ type: 'wsfed', id: 'app', realm: 'urn:app', reply: 'https://app.example/wsfed', claims: { name: 'displayName' } }] }));
const session = (minutesAgo: number) => ({ authTime: NOW / 1000 - minutesAgo * 60 }) as SsoSession;

function refusal(params: Record<string, string>): string {
  try {
    readSigninRequest(params, parties, undefined, NOW);
  } catch (error) {
    assert.ok(error instanceof WsfedRefusal);
    return error.reason;
  }
  assert.fail('accepted');
}

describe('reading a wsignin1.0 request', () => {
  it('translates wctx, wauth and the username hint; whr is ignored', () => {
    const { rp, signin } = readSigninRequest({ wtrealm: 'urn:app', wctx: 'c', wauth: 'http://schemas.microsoft.com/claims/multipleauthn', username: 'alice', whr: 'example.org' }, parties, undefined, NOW);
    assert.equal(rp.id, 'app');
    assert.deepEqual(signin, { rpId: 'app', wctx: 'c', wauth: 'http://schemas.microsoft.com/claims/multipleauthn', requestedContext: 'mfa', forceAuthn: false, loginHint: 'alice' });
    assert.equal(readSigninRequest({ wtrealm: 'urn:app', login_hint: 'bob' }, parties, undefined, NOW).signin.loginHint, 'bob');
  });

  it('forces a fresh sign-in for wfresh=0, and for wfresh=N when the session is older than N minutes', () => {
    const fresh = (wfresh: string, minutesAgo: number) => readSigninRequest({ wtrealm: 'urn:app', wfresh }, parties, session(minutesAgo), NOW).signin.forceAuthn;
    assert.equal(fresh('0', 0), true);
    assert.equal(fresh('10', 5), false);
    assert.equal(fresh('10', 11), true);
  });

  it('refuses an unknown realm, an unregistered wreply, an unknown wauth and a bad wfresh', () => {
    assert.equal(refusal({ wtrealm: 'urn:other' }), 'unknown_realm');
    assert.equal(refusal({ wtrealm: 'urn:app', wreply: 'https://app.example/wsfed/' }), 'unregistered_reply');
    assert.equal(refusal({ wtrealm: 'urn:app', wauth: 'urn:federation:authentication:windows' }), 'unsupported_wauth');
    assert.equal(refusal({ wtrealm: 'urn:app', wfresh: '-1' }), 'malformed');
    assert.equal(refusal({ wtrealm: 'urn:app', wctx: 'x'.repeat(3000) }), 'malformed');
  });

  it('maps claim short names to AD FS claim types, always with UPN and ImmutableID', () => {
    assert.deepEqual(parties.byId('app')!.claims, {
      'http://schemas.xmlsoap.org/claims/UPN': 'userPrincipalName',
      'http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID': 'objectGUID',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': 'displayName',
    });
  });

  it('reports a claim name it does not know, with its key', () => {
    const config = buildConfig({ relyingParties: [{ type: 'wsfed', id: 'app', reply: 'https://app.example/wsfed', claims: { favouriteColour: 'colour' } }] });
    assert.throws(() => loadWsfedRelyingParties(config), (error: unknown) => error instanceof ConfigError && error.problems[0]!.path === 'relyingParties[0].claims.favouriteColour');
  });
});
