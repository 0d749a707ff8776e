import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import * as client from 'openid-client';
import { ApiTokens } from '../../../src/admin/api-tokens.js';
import { systemClock } from '../../../src/clock/clock.js';
import { appBrowser, discoverClient, redeem, startAuthorization } from '../../helpers/oidc-client.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { startGatehouse, TEST_CLIENT, TEST_REDIRECT_URI, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

const PASSWORD = 'correct horse battery';

/** Polls until /readyz says ready; no time limit beyond the test's own. */
async function waitUntilReady(url: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    if (response?.status === 200) return;
    await sleep(100);
  }
}

function assertNoTrace(body: string): void {
  assert.doesNotMatch(body, /\bat .+:\d+:\d+\)?/, 'no stack trace');
  assert.doesNotMatch(body, /StoreUnavailableError|ioredis|ECONNREFUSED|Connection is closed/i, 'no internals');
}

describe('Gatehouse on Redis when Redis fails', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let gh: RunningGatehouse;
  let config: client.Configuration;

  beforeEach(async function () {
    redis = await startRedis({ appendonly: true });
    gh = await startGatehouse({ store: { type: 'redis', url: redis.url } });
    await gh.addUser('alice', PASSWORD);
    config = await discoverClient(gh.url);
  });

  afterEach(async function () {
    await gh?.stop();
    await redis?.stop();
  });

  it('fails /readyz and answers pages and APIs with a clear 503 while Redis is down, then serves again by itself', async function () {
    const { token } = await new ApiTokens(gh.gatehouse.registry.store, systemClock).create('ops', null);
    const browser = appBrowser();
    const identify = await browser.get((await startAuthorization(config)).url.toString());
    assert.equal(identify.status, 200);
    assert.equal((await fetch(`${gh.url}/readyz`)).status, 200);

    await redis.kill();

    const ready = await fetch(`${gh.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.equal(((await ready.json()) as { store: string }).store, 'unreachable');

    const signinPage = await browser.submit(identify, { username: 'alice' });
    assert.equal(signinPage.status, 503);
    assert.match(signinPage.body, /<title>Service unavailable/);
    assert.match(signinPage.body, /The service is unavailable for a moment\. Try again shortly\./);
    assertNoTrace(signinPage.body);

    const authorize = await fetch((await startAuthorization(config)).url, { redirect: 'manual', headers: { accept: 'text/html' } });
    const authorizeBody = await authorize.text();
    assert.equal(authorize.status, 503);
    assert.match(authorizeBody, /The service is unavailable for a moment/);
    assertNoTrace(authorizeBody);

    const admin = await fetch(`${gh.url}/admin/api/policy/whatif?user=alice&rp=app&ip=10.0.0.1`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(admin.status, 503);
    assert.equal(admin.headers.get('retry-after'), '5');
    assert.deepEqual(await admin.json(), { error: 'unavailable', error_description: 'The service is unavailable for a moment. Try again shortly.' });

    const tokenEndpoint = await fetch(`${gh.url}/oidc/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'anything', redirect_uri: TEST_REDIRECT_URI }),
      headers: { authorization: `Basic ${Buffer.from(`${TEST_CLIENT.id}:${TEST_CLIENT.secret}`).toString('base64')}` },
    });
    assert.equal(tokenEndpoint.status, 503);
    assertNoTrace(await tokenEndpoint.text());

    await redis.restart();
    await waitUntilReady(gh.url);
    const start = await startAuthorization(config);
    const again = appBrowser();
    const page = await again.get(start.url.toString());
    const callback = await again.submit(await again.submit(page, { username: 'alice' }), { password: PASSWORD });
    assert.ok(callback.url.startsWith(`${TEST_REDIRECT_URI}?`), `ended at ${callback.url}`);
    assert.ok((await redeem(config, start, callback.url)).id_token);
  });

  it('finishes a sign-in that was in progress while Redis restarted', async function () {
    const start = await startAuthorization(config);
    const browser = appBrowser();
    const passwordPage = await browser.submit(await browser.get(start.url.toString()), { username: 'alice' });
    assert.match(passwordPage.body, /type="password"/);

    await redis.restart();
    await waitUntilReady(gh.url);

    const callback = await browser.submit(passwordPage, { password: PASSWORD });
    assert.ok(callback.url.startsWith(`${TEST_REDIRECT_URI}?`), `ended at ${callback.url}`);
    const tokens = await redeem(config, start, callback.url);
    assert.deepEqual(tokens.claims()?.amr, ['pwd']);
  });
});

describe('Gatehouse on Redis with appendfsync always when Redis is killed', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let gh: RunningGatehouse;

  before(async function () {
    redis = await startRedis({ appendonly: true, extraArgs: ['--appendfsync', 'always'] });
    gh = await startGatehouse({ store: { type: 'redis', url: redis.url } });
    await gh.addUser('alice', PASSWORD);
  });

  after(async function () {
    await gh?.stop();
    await redis?.stop();
  });

  it('finishes a sign-in that was in progress when Redis was killed with kill -9 and started again', async function () {
    const config = await discoverClient(gh.url);
    const start = await startAuthorization(config);
    const browser = appBrowser();
    const passwordPage = await browser.submit(await browser.get(start.url.toString()), { username: 'alice' });

    await redis.kill();
    await redis.restart();
    await waitUntilReady(gh.url);

    const callback = await browser.submit(passwordPage, { password: PASSWORD });
    assert.ok(callback.url.startsWith(`${TEST_REDIRECT_URI}?`), `ended at ${callback.url}`);
    assert.ok((await redeem(config, start, callback.url)).id_token);
  });
});
