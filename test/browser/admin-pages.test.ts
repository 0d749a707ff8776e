import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../helpers/browser.js';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../helpers/oidc-client.js';
import { oathtoolTotp } from '../helpers/oathtool.js';
import { createFakeClock } from '../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../helpers/test-gatehouse.js';
import { enrollTotp } from '../integration/mfa/mfa-flows.js';

const PASSWORD = 'correct horse battery';

describe('the admin pages in Chromium', () => {
  const clock = createFakeClock(Date.now());
  let gh: RunningGatehouse;
  let browser: LaunchedBrowser;
  let key: string;
  const now = () => clock.now() / 1000;

  const watchCsp = (page: Page) => {
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    return blocked;
  };

  before(async function () {
    this.timeout(120_000);
    gh = await startGatehouse({ trustedProxies: ['127.0.0.1/32'], lockout: { unfamiliarThreshold: 2 } }, { clock });
    await gh.addUser('root', PASSWORD, { name: 'Rita Root', groups: ['GatehouseAdmins'] });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson', email: 'alice@example.org' });
    key = await enrollTotp(gh, 'root', clock);
    await enrollTotp(gh, 'alice', clock);
    const oidc = await discoverClient(gh.url);
    await signInWithPassword(appBrowser(), await startAuthorization(oidc), 'alice', PASSWORD);
    for (const guess of ['guess 1', 'guess 2']) await signInWithPassword(appBrowser({ 'X-Forwarded-For': '203.0.113.9' }), await startAuthorization(oidc), 'alice', guess);
    browser = await launchBrowser();
    await mkdir('test/artifacts', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await gh?.stop();
  });

  it('signs the admin in with TOTP, shows the overview, finds a locked-out user and unlocks her', async () => {
    const page = await browser.newPage();
    const blocked = watchCsp(page);
    await page.goto(`${gh.url}/admin`);
    await page.getByLabel('Username or email', { exact: true }).fill('root');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    clock.advance(30_000);
    await page.getByLabel('Code from your authenticator app').fill(await oathtoolTotp(key, now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`${gh.url}/admin`);
    await page.getByRole('heading', { name: 'Last 7 days' }).waitFor();
    const width = await page.locator('main').evaluate((main) => main.getBoundingClientRect().width);
    assert.ok(width > 600, `the admin pages use a wide card (${width}px)`);
    await page.screenshot({ path: 'test/artifacts/admin-overview-en.png', fullPage: true });

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Find users by login, name or email').fill('anders');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'alice' }).click();
    await page.getByRole('heading', { name: 'User alice' }).waitFor();
    assert.match((await page.locator('#lockout').textContent())!, /Unfamiliar places\s*2 \/ 2\s*locked until/);
    await page.screenshot({ path: 'test/artifacts/admin-user-en.png', fullPage: true });
    await page.getByRole('button', { name: 'Unlock: clear smart lockout' }).click();
    await page.getByRole('status').filter({ hasText: 'Smart lockout was cleared.' }).waitFor();
    assert.match((await page.locator('#lockout').textContent())!, /Unfamiliar places\s*0 \/ 2\s*open/);

    await page.getByRole('link', { name: 'Recent events', exact: true }).click();
    await page.getByRole('cell', { name: 'admin.user.unlocked' }).first().waitFor();
    await page.screenshot({ path: 'test/artifacts/admin-events-en.png', fullPage: true });
    assert.deepEqual(blocked, [], 'the admin pages break none of their own Content-Security-Policy');
    assert.ok(gh.auditEvents.some((e) => e.event === 'admin.user.unlocked' && e.actor === 'root' && e.uniqueId === 'alice'));
  });
});
