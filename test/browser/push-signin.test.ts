import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../helpers/browser.js';
import { startDemoRelyingParty } from '../helpers/demo-relying-party.js';
import { freePort } from '../helpers/free-port.js';
import { startGatehouse, type RunningGatehouse } from '../helpers/test-gatehouse.js';
import { enrollPhone, respond } from '../integration/push/push-flows.js';

const POLICIES = `
policies:
  - name: Everyone uses MFA
    users: { include: all }
    grant: { require: { mfa: true } }
`;

describe('signing in with the phone in Chromium', () => {
  let gh: RunningGatehouse;
  let rp: Awaited<ReturnType<typeof startDemoRelyingParty>>;
  let browser: LaunchedBrowser;
  let phone: string;

  const watchCsp = (page: Page) => {
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    return blocked;
  };

  /** The number the page shows, read as a screen reader would: the status region's name. */
  async function numberOn(page: Page): Promise<number> {
    const status = page.getByRole('status', { name: /^Your number is \d+$/ });
    return Number(/\d+$/.exec((await status.getAttribute('aria-label'))!)![0]);
  }

  before(async () => {
    const rpPort = await freePort();
    gh = await startGatehouse(
      { relyingParties: [{ type: 'oidc', id: 'demo', name: 'Demo App', clientSecret: 'demo-secret', redirectUris: [`http://127.0.0.1:${rpPort}/callback`] }] },
      { policies: POLICIES },
    );
    await gh.addUser('alice', 'correct horse battery', { name: 'Alice Andersson' });
    phone = await enrollPhone(gh, 'alice', 'alice-phone', { passwordless: true });
    rp = await startDemoRelyingParty({ issuer: `${gh.url}/oidc`, clientId: 'demo', clientSecret: 'demo-secret', port: rpPort });
    browser = await launchBrowser();
    await mkdir('test/artifacts', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await rp?.stop();
    await gh?.stop();
  });

  it('signs in with the username and the phone; the page moves on by itself when the phone approves', async () => {
    const page = await browser.newPage();
    const blocked = watchCsp(page);
    await page.goto(`${rp.url}/login`);
    await page.getByLabel('Username or email', { exact: true }).fill('alice');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Approve the sign-in on your phone' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Use your password instead' }).count(), 1);
    const number = await numberOn(page);
    await page.screenshot({ path: 'test/artifacts/signin-passwordless-en.png', fullPage: true });
    await respond(phone, '--approve', '--number', String(number));
    await page.waitForURL(`${rp.url}/callback**`);
    assert.equal(await page.locator('#amr').textContent(), '["swk","pin","mfa"]');
    assert.deepEqual(blocked, [], 'the pages break none of their own Content-Security-Policy');
  });

  it('takes “Use your password instead” to the password page, then moves the push page on when the phone approves', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const blocked = watchCsp(page);
    await page.goto(`${rp.url}/login`);
    await page.getByLabel('Username or email', { exact: true }).fill('alice');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Use your password instead' }).click();
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    const number = await numberOn(page);
    await page.screenshot({ path: 'test/artifacts/signin-push-mfa-en.png', fullPage: true });
    await respond(phone, '--approve', '--number', String(number));
    await page.waitForURL(`${rp.url}/callback**`);
    assert.equal(await page.locator('#amr').textContent(), '["pwd","swk","mfa"]');
    assert.deepEqual(blocked, []);
    await context.close();
  });
});
