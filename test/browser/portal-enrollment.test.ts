import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../helpers/browser.js';
import { oathtoolTotp } from '../helpers/oathtool.js';
import { createFakeClock } from '../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../helpers/test-gatehouse.js';

describe('enrolling an authenticator app in the portal, in Chromium', () => {
  const clock = createFakeClock(Date.now());
  let gh: RunningGatehouse;
  let browser: LaunchedBrowser;
  const now = () => clock.now() / 1000;

  const watchCsp = (page: Page) => {
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    return blocked;
  };

  async function signInToPortal(page: Page, login: string) {
    await page.goto(`${gh.url}/portal`);
    await page.getByLabel('Username or email', { exact: true }).fill(login);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${gh.url}/portal`);
  }

  before(async () => {
    gh = await startGatehouse({}, { clock });
    await gh.addUser('alice', 'correct horse battery', { name: 'Alice Andersson' });
    await gh.addUser('bob', 'correct horse battery');
    browser = await launchBrowser();
    await mkdir('test/artifacts', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await gh?.stop();
  });

  it('reads the key from the page, confirms it with an oathtool code, shows recovery codes, then verifies with TOTP to make changes', async () => {
    const page = await browser.newPage();
    const blocked = watchCsp(page);
    await signInToPortal(page, 'alice');
    await page.locator('#method-totp').getByRole('link', { name: 'Set up' }).click();
    await page.waitForURL(`${gh.url}/portal/methods/totp/enroll`);
    const qr = page.getByRole('img', { name: /QR code/ });
    assert.ok(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the QR code image loads under the page’s CSP');
    const key = (await page.locator('#totp-key').textContent())!.replace(/\s+/g, '');
    assert.match(key, /^[A-Z2-7]{32}$/);
    await page.screenshot({ path: 'test/artifacts/portal-totp-enroll-en.png', fullPage: true });
    await page.getByLabel('Code from your authenticator app').fill(await oathtoolTotp(key, now()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    assert.equal(await page.locator('#recovery-codes li').count(), 10);
    await page.screenshot({ path: 'test/artifacts/portal-recovery-codes-en.png', fullPage: true });
    await page.getByRole('link', { name: 'I have saved them' }).click();
    assert.match((await page.locator('#method-totp').textContent())!, /Added [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    assert.equal(await page.getByRole('button', { name: 'Remove Authenticator app' }).count(), 0, 'no change without MFA');

    clock.advance(30_000);
    await page.getByRole('link', { name: 'Verify to make changes' }).click();
    await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    await page.getByLabel('Code from your authenticator app').fill(await oathtoolTotp(key, now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`${gh.url}/portal`);
    await page.getByRole('button', { name: 'Remove Authenticator app' }).waitFor();
    await page.screenshot({ path: 'test/artifacts/portal-home-en.png', fullPage: true });
    assert.deepEqual(blocked, [], 'the pages break none of their own Content-Security-Policy');
  });

  it('ties a wrong code’s message to the code field', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInToPortal(page, 'bob');
    await page.locator('#method-totp').getByRole('link', { name: 'Set up' }).click();
    await page.getByLabel('Code from your authenticator app').fill('000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    const field = page.getByLabel('Code from your authenticator app');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match((await page.locator(`#${await field.getAttribute('aria-describedby')}`).textContent())!, /That code is not right/);
    await page.screenshot({ path: 'test/artifacts/portal-totp-error-en.png', fullPage: true });
    await context.close();
  });
});
