import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import type * as client from 'openid-client';
import type { Clock } from '../../../src/clock/clock.js';
import { fixtureUsers, usersLdif } from '../../fixtures/ldap/users.js';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startSlapd, type Slapd } from '../../helpers/slapd.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { ldapDirectory } from './ldap-config.js';
import { replicaLdif } from './replica-ldif.js';

const users = [fixtureUsers.alice, fixtureUsers.bob, fixtureUsers.carol];

async function signInWorks(config: client.Configuration, user = fixtureUsers.bob): Promise<boolean> {
  const response = await signInWithPassword(appBrowser(), await startAuthorization(config), user.uid, user.password);
  return response.url.startsWith('http://127.0.0.1:9/callback?');
}

describe('LDAP failover across several servers', () => {
  let dir: string;
  let first: Slapd;
  let second: Slapd;
  let gh: RunningGatehouse;
  let config: client.Configuration;
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset };

  before(async () => {
    dir = await makeTempDir();
    const ldif = await replicaLdif(usersLdif, dir);
    [first, second] = await Promise.all([startSlapd({ ldif: [ldif] }), startSlapd({ ldif: [ldif] })]);
    gh = await startGatehouse({ directory: ldapDirectory([first.url, second.url], { timeout: '3s', retryAfter: '30s' }) }, { clock });
    config = await discoverClient(gh.url);
  });
  after(async () => {
    await gh?.stop();
    await first?.stop();
    await second?.stop();
    await removeTempDir(dir);
  });

  it('goes on signing people in through the second server when the first is killed mid-run', async () => {
    assert.ok(await signInWorks(config), 'a sign-in before the kill');
    const outcomes: boolean[] = [];
    let killed = false;
    // Three at a time, twenty in all; the first server dies (SIGKILL) once five have finished.
    const queue = Array.from({ length: 20 }, (_, i) => users[i % users.length]!);
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let user = queue.shift(); user; user = queue.shift()) {
          outcomes.push(await signInWorks(config, user));
          if (outcomes.length >= 5 && !killed) {
            killed = true;
            await first.kill();
          }
        }
      }),
    );
    assert.equal(first.pid, undefined, 'the first server is gone');
    assert.deepEqual(outcomes.filter((ok) => !ok), [], 'every sign-in succeeded');
    const failures = gh.auditEvents.filter((e) => e.event === 'password.checked' && e.result === 'failure');
    assert.deepEqual(failures.map((e) => e.reason), []);
  });

  it('answers "unavailable" when no server is left, and recovers when one is back', async () => {
    await second.kill();
    assert.deepEqual(await gh.gatehouse.registry.directory.verifyPassword('bob', fixtureUsers.bob.password), { ok: false, reason: 'unavailable' });
    const ready = await fetch(`${gh.url}/readyz`);
    assert.equal(ready.status, 503);
    await second.restart();
    assert.equal((await gh.gatehouse.registry.directory.verifyPassword('bob', fixtureUsers.bob.password)).ok, true);
  });

  it('signs in through the first server again once it is back and the second is gone', async () => {
    await first.restart();
    await second.kill();
    offset += 31_000;
    assert.ok(await signInWorks(config), 'signed in through the first server again');
    await second.restart();
  });
});

describe('LDAP timeouts', () => {
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset };
  let slapd: Slapd;
  let silent: net.Server;
  const held: net.Socket[] = [];

  before(async () => {
    slapd = await startSlapd({ ldif: [usersLdif] });
    // Accepts connections and never answers: a server that hangs, which only a timeout gets past.
    silent = net.createServer((socket) => void held.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
  });
  after(async () => {
    for (const socket of held) socket.destroy();
    silent?.close();
    await slapd?.stop();
  });

  it('moves on to the next server within the configured timeout when the first one hangs, and tries it again after retryAfter', async () => {
    const hung = `ldap://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const gh = await startGatehouse({ directory: ldapDirectory([hung, slapd.url], { timeout: '1s', retryAfter: '30s' }) }, { clock });
    try {
      const directory = gh.gatehouse.registry.directory;
      const started = Date.now();
      assert.equal((await directory.verifyPassword('alice', fixtureUsers.alice.password)).ok, true);
      const took = Date.now() - started;
      assert.ok(took >= 900, `waited for the timeout (${took} ms)`);
      assert.ok(took < 15_000, `and moved on (${took} ms)`);
      const tried = held.length;
      assert.ok(tried >= 1, 'the hung server was tried first');

      assert.equal((await directory.verifyPassword('bob', fixtureUsers.bob.password)).ok, true);
      assert.equal(held.length, tried, 'passed over while retryAfter runs');
      offset += 31_000;
      assert.equal((await directory.verifyPassword('carol', fixtureUsers.carol.password)).ok, true);
      assert.ok(held.length > tried, 'tried first again once retryAfter has passed');
    } finally {
      await gh.stop();
    }
  });

  it('gives up with "unavailable" within the timeout when the only server hangs', async () => {
    const hung = `ldap://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const gh = await startGatehouse({ directory: ldapDirectory([hung], { timeout: '1s' }) });
    try {
      const started = Date.now();
      assert.deepEqual(await gh.gatehouse.registry.directory.verifyPassword('alice', fixtureUsers.alice.password), { ok: false, reason: 'unavailable' });
      assert.ok(Date.now() - started < 15_000);
    } finally {
      await gh.stop();
    }
  });
});
