import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import * as client from 'openid-client';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { TEST_REDIRECT_URI } from '../../helpers/test-gatehouse.js';
import { startCluster, type TestCluster } from './cluster.js';

const PASSWORD = 'correct horse battery';
const reachedApp = (url: string) => url.startsWith(`${TEST_REDIRECT_URI}?`) && new URL(url).searchParams.has('code');

describe('three Gatehouse nodes on one Redis behind a load balancer', function () {
  this.timeout(120_000);
  let cluster: TestCluster;
  let config: client.Configuration;

  before(async function () {
    cluster = await startCluster(3);
    await cluster.addUser('alice', PASSWORD);
    config = await discoverClient(cluster.proxy.url);
  });

  after(async function () {
    await cluster?.stop();
  });

  afterEach(function () {
    cluster.proxy.pin(undefined);
  });

  it('signs a user in when every request of the sign-in goes to a different node', async function () {
    const start = await startAuthorization(config);
    const browser = appBrowser();
    const first = cluster.proxy.log.length;
    const callback = await signInWithPassword(browser, start, 'alice', PASSWORD);
    assert.ok(reachedApp(callback.url), `ended at ${callback.url}`);
    const hops = cluster.proxy.log.slice(first).map((request) => request.node);
    assert.ok(hops.length >= 5, `the sign-in took ${hops.length} requests`);
    for (let index = 1; index < hops.length; index += 1) assert.notEqual(hops[index], hops[index - 1], `requests ${index} and ${index + 1} went to the same node`);
    assert.deepEqual([...new Set(hops)].sort(), [0, 1, 2]);

    // The code, the token and the refresh are spread over the nodes as well.
    const tokens = await redeem(config, start, callback.url);
    const info = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    assert.equal(info.preferred_username, 'alice');
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    assert.ok(refreshed.access_token);
  });

  it('signs in on the SSO session a different node created', async function () {
    const browser = appBrowser();
    cluster.proxy.pin(0);
    assert.ok(reachedApp((await signInWithPassword(browser, await startAuthorization(config), 'alice', PASSWORD)).url));
    cluster.proxy.pin(1);
    const again = await browser.get((await startAuthorization(config)).url.toString());
    assert.ok(reachedApp(again.url), `node 1 asked again: ${again.url}`);
  });

  it('makes every node enforce a change to the shared policy file', async function () {
    await writeFile(
      cluster.policyFile,
      'policies:\n  - name: The app is closed\n    users: { include: all }\n    applications: { include: [app] }\n    grant: { block: true }\n',
    );
    for (const node of [0, 1, 2]) {
      cluster.proxy.pin(node);
      // Each node polls the file every second; wait for it without a deadline of our own.
      for (;;) {
        const page = await signInWithPassword(appBrowser(), await startAuthorization(config), 'alice', PASSWORD);
        if (page.status === 403) {
          assert.match(page.body, /access policy does not allow this sign-in/);
          break;
        }
        assert.ok(reachedApp(page.url), `node ${node}: neither allowed nor blocked: ${page.status} ${page.url}`);
        await sleep(250);
      }
    }

    await writeFile(cluster.policyFile, 'policies: []\n');
    for (const node of [0, 1, 2]) {
      cluster.proxy.pin(node);
      for (;;) {
        const page = await signInWithPassword(appBrowser(), await startAuthorization(config), 'alice', PASSWORD);
        if (reachedApp(page.url)) break;
        assert.equal(page.status, 403);
        await sleep(250);
      }
    }
  });
});

describe('a node killed in the middle of a sign-in', function () {
  this.timeout(120_000);
  let cluster: TestCluster;

  before(async function () {
    cluster = await startCluster(2);
    await cluster.addUser('alice', PASSWORD);
  });

  after(async function () {
    await cluster?.stop();
  });

  it('leaves the sign-in to another node, which finishes it', async function () {
    const config = await discoverClient(cluster.proxy.url);
    const start = await startAuthorization(config);
    const browser = appBrowser();
    cluster.proxy.pin(0);
    const passwordPage = await browser.submit(await browser.get(start.url.toString()), { username: 'alice' });
    assert.match(passwordPage.body, /type="password"/);

    await cluster.nodes[0]!.kill();
    cluster.proxy.pin(undefined);
    const first = cluster.proxy.log.length;
    const callback = await browser.submit(passwordPage, { password: PASSWORD });
    assert.ok(reachedApp(callback.url), `ended at ${callback.url}`);
    assert.ok(cluster.proxy.log.slice(first).every((request) => request.node === 1), 'node 1 finished it');
    assert.ok((await redeem(config, start, callback.url)).id_token);
  });
});
