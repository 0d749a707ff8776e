import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { base64url, CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { CLOCK_SKEW_MS, type DeviceCall } from '../../../src/devices/index.js';
import { deviceBench, type DeviceBench } from './device-bench.js';

describe('signed device calls', () => {
  let bench: DeviceBench;
  let privateJwk: JWK;
  let publicJwk: JWK;
  const deviceId = 'AbCdEfGhIjKlMnOpQrStUvWx';

  async function call(options: { method?: string; target?: string; body?: string; iat?: number; header?: Record<string, unknown>; key?: JWK; jti?: string } = {}): Promise<DeviceCall> {
    const body = Buffer.from(options.body ?? '');
    const claims = {
      htm: options.method ?? 'GET',
      htu: options.target ?? '/device/v1/requests',
      bh: base64url.encode(createHash('sha256').update(body).digest()),
      iat: options.iat ?? Math.floor(bench.clock.now() / 1000),
      jti: options.jti ?? randomBytes(16).toString('base64url'),
    };
    const header = { alg: 'ES256', typ: 'gatehouse-device+jwt', kid: deviceId, ...options.header };
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader(header).sign(await importJWK(options.key ?? privateJwk, 'ES256'));
    return { method: options.method ?? 'GET', target: options.target ?? '/device/v1/requests', body, authorization: `Device ${jws}` };
  }

  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return `${(error as { status: number }).status} ${(error as { code: string }).code}`;
    }
    return 'accepted';
  };

  beforeEach(async () => {
    bench = await deviceBench();
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateJwk = await exportJWK(pair.privateKey);
    publicJwk = await exportJWK(pair.publicKey);
    await bench.service.records.add({ id: deviceId, userId: 'u1', login: 'alice', name: 'phone', platform: 'cli', publicJwk, createdAt: new Date().toISOString(), passwordless: false }, 5);
  });
  afterEach(() => bench.close());

  it('accepts a call signed by the device over this method, path, body, time and a fresh nonce', async () => {
    const device = await bench.service.auth.device(await call());
    assert.equal(device.id, deviceId);
  });

  it('refuses the same nonce twice', async () => {
    const once = await call({ jti: 'the-same-nonce-0123456789' });
    assert.equal(await refusal(bench.service.auth.device(once)), 'accepted');
    assert.equal(await refusal(bench.service.auth.device(await call({ jti: 'the-same-nonce-0123456789' }))), '401 replayed');
  });

  it('accepts times within the allowed skew and refuses them beyond it, either way', async () => {
    const now = Math.floor(bench.clock.now() / 1000);
    const skew = CLOCK_SKEW_MS / 1000;
    assert.equal(await refusal(bench.service.auth.device(await call({ iat: now - skew }))), 'accepted');
    assert.equal(await refusal(bench.service.auth.device(await call({ iat: now + skew }))), 'accepted');
    assert.equal(await refusal(bench.service.auth.device(await call({ iat: now - skew - 1 }))), '401 stale');
    assert.equal(await refusal(bench.service.auth.device(await call({ iat: now + skew + 1 }))), '401 stale');
  });

  it('refuses another key, another algorithm or type, an unknown device, another target, another body, and no header', async () => {
    const other = await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
    const tampered = await call({ method: 'POST', target: '/device/v1/device', body: '{"a":1}' });
    const cases: Array<[string, Promise<DeviceCall>, string]> = [
      ['another key', call({ key: other }), '401 invalid_signature'],
      ['another type', call({ header: { typ: 'JWT' } }), '401 invalid_signature'],
      ['unknown device', call({ header: { kid: 'ZZZZZZZZZZZZZZZZZZZZZZZZ' } }), '401 unknown_device'],
      ['another target', call({ target: '/device/v1/device' }).then((c) => ({ ...c, target: '/device/v1/requests?wait=30' })), '401 wrong_target'],
      ['another method', call().then((c) => ({ ...c, method: 'DELETE' })), '401 wrong_target'],
      ['another body', Promise.resolve({ ...tampered, body: Buffer.from('{"a":2}') }), '401 body_mismatch'],
      ['no header', call().then((c) => ({ ...c, authorization: undefined })), '401 invalid_signature'],
      ['a bearer token', call().then((c) => ({ ...c, authorization: 'Bearer abc' })), '401 invalid_signature'],
    ];
    for (const [what, made, expected] of cases) assert.equal(await refusal(bench.service.auth.device(await made)), expected, what);
  });

  it('refuses a device once it is removed', async () => {
    await bench.service.records.remove('u1', deviceId);
    assert.equal(await refusal(bench.service.auth.device(await call())), '401 unknown_device');
  });

  it('accepts an activation signed by the key it carries, and refuses one carrying a private key', async () => {
    const activation = await call({ method: 'POST', target: '/device/v1/activate', header: { kid: undefined, jwk: publicJwk } });
    assert.deepEqual(await bench.service.auth.newKey(activation), { kty: 'EC', crv: 'P-256', x: publicJwk.x, y: publicJwk.y });
    const leaking = await call({ method: 'POST', target: '/device/v1/activate', header: { kid: undefined, jwk: privateJwk } });
    assert.equal(await refusal(bench.service.auth.newKey(leaking)), '401 invalid_signature');
  });
});
