import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, createLocalJWKSet, importJWK, jwtVerify, SignJWT } from 'jose';
import Provider from 'oidc-provider';
import { loadOrCreateKeys } from '../../../src/keys/index.js';
import type { KeySet } from '../../../src/keys/index.js';
import { makeKeysDir } from './temp-keys-dir.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

describe('the JWKS of a KeySet', function () {
  let cleanup: () => Promise<void>;
  let keys: KeySet;

  before(async function () {
    let dir: string;
    ({ dir, cleanup } = await makeKeysDir());
    keys = await loadOrCreateKeys({ dir, organizationName: 'Contoso' });
  });
  after(async function () {
    await cleanup();
  });

  it('verifies a JWT signed with the private JWK', async function () {
    const [jwk] = keys.privateJwks().keys;
    assert.ok(jwk);
    const token = await new SignJWT({ sub: 'alice' })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer('https://idp.example')
      .setExpirationTime('5m')
      .sign(await importJWK(jwk, 'RS256'));
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(keys.jwks()), { issuer: 'https://idp.example' });
    assert.equal(payload.sub, 'alice');
    assert.equal(protectedHeader.kid, keys.signing.kid);
  });

  it('publishes no private member', function () {
    for (const jwk of keys.jwks().keys) {
      for (const member of PRIVATE_MEMBERS) assert.equal(member in jwk, false, `public JWK has "${member}"`);
    }
  });

  it('gives every key kid, use sig, alg RS256 and the certificate as x5c', function () {
    assert.deepEqual(
      keys.jwks().keys.map(({ kid, use, alg, kty, x5c }) => ({ kid, use, alg, kty, x5c })),
      [{ kid: keys.signing.kid, use: 'sig', alg: 'RS256', kty: 'RSA', x5c: [keys.signing.certificateDer] }],
    );
  });

  it('uses the RFC 7638 thumbprint as kid', async function () {
    const [jwk] = keys.jwks().keys;
    assert.ok(jwk);
    assert.equal(jwk.kid, await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'sha256'));
  });

  it('returns a fresh document on every call, so a caller that edits one harms no other', function () {
    const first = keys.jwks();
    first.keys.length = 0;
    assert.equal(keys.jwks().keys.length, 1);
  });

  it('is accepted by oidc-provider, which publishes the same public keys', async function () {
    const provider = new Provider('http://127.0.0.1', { jwks: keys.privateJwks() });
    const server = createServer(provider.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/jwks`);
      assert.equal(response.status, 200);
      const published = (await response.json()) as { keys: Array<Record<string, unknown>> };
      assert.deepEqual(published.keys, keys.jwks().keys);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
