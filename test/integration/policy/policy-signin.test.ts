import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as client from 'openid-client';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startGatehouse, TEST_REDIRECT_URI, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

const CALLBACK = TEST_REDIRECT_URI;
const reachedApp = (url: string) => url.startsWith(`${CALLBACK}?`) && new URL(url).searchParams.has('code');

/** A browser whose every request says it came through a proxy from `clientIp`. */
const proxiedBrowser = (clientIp: string) => appBrowser({ 'x-forwarded-for': clientIp });

const lastDecision = (gh: RunningGatehouse) => [...gh.auditEvents].reverse().find((e) => e.event === 'access.decided');

describe('conditional access on OIDC sign-ins', () => {
  describe('a policy that blocks a group', () => {
    let gh: RunningGatehouse;
    let config: client.Configuration;
    before(async () => {
      gh = await startGatehouse({}, {
        policies: `policies:
  - name: Contractors may not use the app
    users: { include: { groups: [contractors] } }
    applications: { include: [app] }
    grant: { block: true }
`,
      });
      await gh.addUser('carol', 'carol password', { groups: ['contractors'] });
      await gh.addUser('alice', 'alice password', { groups: ['staff'] });
      config = await discoverClient(gh.url);
    });
    after(() => gh.stop());

    it('refuses a member of the group with a page that says why, and tells the app access_denied', async () => {
      const browser = appBrowser();
      const page = await signInWithPassword(browser, await startAuthorization(config), 'carol', 'carol password');
      assert.equal(page.status, 403);
      assert.match(page.body, /access policy does not allow this sign-in/);
      assert.equal(lastDecision(gh)?.reason, 'policy_block');
      const back = /href="([^"]+)"/.exec(page.body.slice(page.body.indexOf('role="alert"')))![1]!;
      const answer = await browser.get(new URL(back.replace(/&amp;/g, '&'), gh.url).toString());
      assert.equal(new URL(answer.url).searchParams.get('error'), 'access_denied');
    });

    it('lets everyone else in', async () => {
      const answer = await signInWithPassword(appBrowser(), await startAuthorization(config), 'alice', 'alice password');
      assert.ok(reachedApp(answer.url), answer.url);
    });
  });

  describe('MFA outside the corporate network', () => {
    const policies = `policies:
  - name: Require MFA outside the corporate network
    users: { include: all }
    conditions: { locations: { exclude: [corpnet] } }
    grant: { require: { mfa: true } }
`;
    const locations = { corpnet: ['10.0.0.0/8', 'fd00::/8'] };
    let behindTrustedProxy: RunningGatehouse;
    let proxyNotTrusted: RunningGatehouse;
    before(async () => {
      behindTrustedProxy = await startGatehouse({ locations, trustedProxies: ['127.0.0.1/32'] }, { policies });
      proxyNotTrusted = await startGatehouse({ locations, trustedProxies: ['192.0.2.0/24'] }, { policies });
      for (const gh of [behindTrustedProxy, proxyNotTrusted]) await gh.addUser('alice', 'alice password');
    });
    after(async () => {
      await behindTrustedProxy.stop();
      await proxyNotTrusted.stop();
    });

    it('lets a user on corpnet in with a password, believing X-Forwarded-For from a trusted proxy', async () => {
      const config = await discoverClient(behindTrustedProxy.url);
      const answer = await signInWithPassword(proxiedBrowser('10.1.2.3'), await startAuthorization(config), 'alice', 'alice password');
      assert.ok(reachedApp(answer.url), answer.url);
      assert.equal(lastDecision(behindTrustedProxy)?.clientIp, '10.1.2.3');
    });

    it('asks for MFA from outside corpnet, through the same trusted proxy', async () => {
      const config = await discoverClient(behindTrustedProxy.url);
      const answer = await signInWithPassword(proxiedBrowser('203.0.113.9'), await startAuthorization(config), 'alice', 'alice password');
      assert.ok(!reachedApp(answer.url), 'a password alone does not get in');
      const decision = lastDecision(behindTrustedProxy);
      assert.equal(decision?.clientIp, '203.0.113.9');
      assert.match(decision?.reason ?? '', /requires mfa/);
    });

    it('does not believe X-Forwarded-For from a peer that is not a trusted proxy', async () => {
      const config = await discoverClient(proxyNotTrusted.url);
      const answer = await signInWithPassword(proxiedBrowser('10.1.2.3'), await startAuthorization(config), 'alice', 'alice password');
      assert.ok(!reachedApp(answer.url), 'a forged corpnet address does not skip MFA');
      assert.equal(lastDecision(proxyNotTrusted)?.clientIp, '127.0.0.1');
      assert.match(lastDecision(proxyNotTrusted)?.reason ?? '', /requires mfa/);
    });
  });

  describe('an SSO session that does not satisfy the current decision', () => {
    let gh: RunningGatehouse;
    before(async () => {
      gh = await startGatehouse(
        {
          relyingParties: [
            { type: 'oidc', id: 'app', clientSecret: 'app-secret-for-tests-only', redirectUris: [CALLBACK] },
            { type: 'oidc', id: 'payroll', clientSecret: 'payroll-secret-for-tests', redirectUris: [CALLBACK] },
          ],
        },
        {
          policies: `policies:
  - name: Payroll needs a second factor
    applications: { include: [payroll] }
    grant: { require: { mfa: true } }
`,
        },
      );
      await gh.addUser('alice', 'alice password');
    });
    after(() => gh.stop());

    it('is stepped up rather than re-used blindly', async () => {
      const browser = appBrowser();
      const app = await discoverClient(gh.url);
      const first = await signInWithPassword(browser, await startAuthorization(app), 'alice', 'alice password');
      assert.ok(reachedApp(first.url), first.url);
      const payroll = await discoverClient(gh.url, 'payroll', 'payroll-secret-for-tests');
      const second = await browser.get((await startAuthorization(payroll)).url.toString());
      assert.ok(!reachedApp(second.url), 'the password-only session does not open payroll');
      const decision = lastDecision(gh);
      assert.equal(decision?.rp, 'payroll');
      assert.equal(decision?.authMode, 'password');
      assert.match(decision?.reason ?? '', /requires mfa/);
      const again = await browser.get((await startAuthorization(app)).url.toString());
      assert.ok(reachedApp(again.url), 'the session still serves the app that needs no more');
    });
  });

  describe('reloading the policy file', () => {
    let gh: RunningGatehouse;
    let config: client.Configuration;
    const blockAlice = `policies:
  - name: Alice is blocked
    users: { include: { users: [alice] } }
    grant: { block: true }
`;
    before(async () => {
      gh = await startGatehouse({}, { policies: blockAlice });
      await gh.addUser('alice', 'alice password');
      config = await discoverClient(gh.url);
    });
    after(() => gh.stop());

    it('refuses a bad file and keeps the policies in force, then takes a good one', async () => {
      const file = `${gh.dir}/policies.yaml`;
      await writeFile(file, `${blockAlice}    conditions: { locations: { include: [nowhere] } }\n`);
      assert.equal(await gh.gatehouse.registry.policies.reload(), false);
      const refused = gh.auditEvents.find((e) => e.event === 'policy.refused');
      assert.match(refused?.reason ?? '', /nowhere/);
      const stillBlocked = await signInWithPassword(appBrowser(), await startAuthorization(config), 'alice', 'alice password');
      assert.equal(stillBlocked.status, 403);

      await writeFile(file, 'policies: []\n');
      assert.equal(await gh.gatehouse.registry.policies.reload(), true);
      const allowed = await signInWithPassword(appBrowser(), await startAuthorization(config), 'alice', 'alice password');
      assert.ok(reachedApp(allowed.url), allowed.url);
    });
  });
  describe('device familiarity', () => {
    let gh: RunningGatehouse;
    before(async () => {
      gh = await startGatehouse(
        {
          relyingParties: [
            { type: 'oidc', id: 'app', clientSecret: 'app-secret-for-tests-only', redirectUris: [CALLBACK] },
            { type: 'oidc', id: 'payroll', clientSecret: 'payroll-secret-for-tests', redirectUris: [CALLBACK] },
          ],
        },
        {
          policies: `policies:
  - name: Payroll only from devices used before
    applications: { include: [payroll] }
    conditions: { devices: { known: false } }
    grant: { block: true }
`,
        },
      );
      await gh.addUser('alice', 'alice password');
    });
    after(() => gh.stop());

    it('treats a browser as known once this user signed in from it, and a new browser as unknown', async () => {
      const payroll = await discoverClient(gh.url, 'payroll', 'payroll-secret-for-tests');
      const newBrowser = await signInWithPassword(appBrowser(), await startAuthorization(payroll), 'alice', 'alice password');
      assert.equal(newBrowser.status, 403, 'an unknown device is blocked');

      const usual = appBrowser();
      const app = await discoverClient(gh.url);
      assert.ok(reachedApp((await signInWithPassword(usual, await startAuthorization(app), 'alice', 'alice password')).url));
      const again = await signInWithPassword(usual, await startAuthorization(payroll, { prompt: 'login' }), 'alice', 'alice password');
      assert.ok(reachedApp(again.url), 'the device she signed in from is known');
    });
  });
});
