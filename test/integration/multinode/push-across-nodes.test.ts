import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type * as client from 'openid-client';
import { systemClock } from '../../../src/clock/clock.js';
import { ActivationCodes } from '../../../src/devices/activation-codes.js';
import { EmbeddedDirectory } from '../../../src/directory/index.js';
import { createRedisStore } from '../../../src/store/index.js';
import type { BrowserResponse, FormBrowser } from '../../helpers/form-browser.js';
import { appBrowser, discoverClient, redeem, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { TEST_REDIRECT_URI } from '../../helpers/test-gatehouse.js';
import { cli, eventsUrl, openEvents, pendingOn, respond, shownNumber, submitForm } from '../push/push-flows.js';
import { startCluster, type TestCluster } from './cluster.js';

const PASSWORD = 'correct horse battery';
const MFA = { acr_values: 'urn:gatehouse:acr:mfa' };
const reachedApp = (url: string) => url.startsWith(`${TEST_REDIRECT_URI}?`) && new URL(url).searchParams.has('code');


describe('push MFA across two Gatehouse nodes on one Redis', function () {
  this.timeout(120_000);
  let cluster: TestCluster;
  let config: client.Configuration;
  let phoneDir: string;
  let phone: string;

  before(async function () {
    cluster = await startCluster(2);
    await cluster.addUser('alice', PASSWORD);
    // The QR code the portal shows holds a code from the shared Store; the phone activates with node B's address.
    const store = await createRedisStore({ url: cluster.redis.url });
    let code: string;
    try {
      const user = await new EmbeddedDirectory(store).findUser('alice');
      assert.ok(user);
      ({ code } = await new ActivationCodes(store, systemClock).issue({ userId: user.id, login: user.login }));
    } finally {
      await store.close();
    }
    phoneDir = await mkdtemp(join(tmpdir(), 'gatehouse-phone-'));
    phone = join(phoneDir, 'alice-phone.json');
    const enrolled = await cli(['authenticator', 'enroll', `${cluster.nodes[1]!.url}/device/v1/activate?code=${code}`, '--profile', phone, '--name', 'alice-phone']);
    assert.equal(enrolled.code, 0, enrolled.err.join('\n'));
    assert.equal((JSON.parse(await readFile(phone, 'utf8')) as { service: string }).service, cluster.nodes[1]!.url, 'the phone speaks to node B');
    config = await discoverClient(cluster.proxy.url);
  });

  after(async function () {
    await cluster?.stop();
    if (phoneDir) await rm(phoneDir, { recursive: true, force: true });
  });

  it('moves the browser waiting on node A on at once when the phone approves through node B, and signs in with pwd, swk and mfa', async function () {
    // Every request of the browser (and its event stream) goes to node A.
    cluster.proxy.pin(0);
    const first = cluster.proxy.log.length;
    const start = await startAuthorization(config, MFA);
    const browser = appBrowser();
    const page = await signInWithPassword(browser, start, 'alice', PASSWORD);
    assert.match(page.body, /enter this number/, `node A shows the push page:\n${page.body.slice(0, 800)}`);

    const events = await openEvents(browser, page);
    assert.equal(events.status, 200);
    await events.opened;

    // The phone talks to node B only; node B sees the request node A stored.
    const [request] = await pendingOn(phone);
    assert.equal(request?.kind, 'mfa');
    let changedAt = 0;
    const changed = events.text.then((text) => ((changedAt = Date.now()), text));
    const answeredAt = Date.now();
    const answered = await respond(phone, '--approve', '--number', String(shownNumber(page)));
    assert.equal(answered.code, 0, answered.err.join('\n'));
    assert.match(answered.out.join('\n'), /approved/);

    // Node A's stream ends with one "changed" event, well before the request's 60 s timeout would have ended it.
    assert.match(await changed, /event: changed\ndata: \{\}\n\n$/);
    assert.ok(changedAt - answeredAt < 10_000, `node A's stream moved on ${changedAt - answeredAt} ms after the answer`);

    const callback = await submitForm(browser, page, '/mfa');
    assert.ok(reachedApp(callback.url), `ended at ${callback.url}`);
    const hops = cluster.proxy.log.slice(first);
    assert.ok(hops.some((hop) => hop.path.includes('/events')), 'the event stream went through the load balancer');
    assert.ok(hops.every((hop) => hop.node === 0), `every browser request went to node A: ${JSON.stringify(hops)}`);

    cluster.proxy.pin(undefined);
    const claims = (await redeem(config, start, callback.url)).claims()!;
    assert.deepEqual(claims.amr, ['pwd', 'swk', 'mfa']);
    assert.equal(claims.acr, 'urn:gatehouse:acr:mfa');
  });
});
