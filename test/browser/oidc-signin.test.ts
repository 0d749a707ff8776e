import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { launchBrowser, type LaunchedBrowser } from '../helpers/browser.js';
import { startDemoRelyingParty } from '../helpers/demo-relying-party.js';
import { freePort } from '../helpers/free-port.js';
import { startGatehouse, type RunningGatehouse } from '../helpers/test-gatehouse.js';

describe('signing in to an app in Chromium', () => {
  let gh: RunningGatehouse;
  let rp: Awaited<ReturnType<typeof startDemoRelyingParty>>;
  let browser: LaunchedBrowser;

  before(async () => {
    const rpPort = await freePort();
    gh = await startGatehouse({
      relyingParties: [{ type: 'oidc', id: 'demo', name: 'Demo App', clientSecret: 'demo-secret', redirectUris: [`http://127.0.0.1:${rpPort}/callback`] }],
    });
    await gh.addUser('alice', 'correct horse battery', { name: 'Alice Andersson' });
    rp = await startDemoRelyingParty({ issuer: `${gh.url}/oidc`, clientId: 'demo', clientSecret: 'demo-secret', port: rpPort });
    browser = await launchBrowser();
    await mkdir('test/artifacts', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await rp?.stop();
    await gh?.stop();
  });

  it('takes a person from the app through the identify and password pages and back, signed in', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(`${rp.url}/login`);
    await page.getByLabel('Username or email', { exact: true }).fill('alice');
    await page.screenshot({ path: 'test/artifacts/signin-identify-en.png' });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.screenshot({ path: 'test/artifacts/signin-password-en.png' });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${rp.url}/callback**`);
    assert.equal(await page.locator('h1').textContent(), 'Hello alice');
    assert.equal(await page.locator('#amr').textContent(), '["pwd"]');
    assert.deepEqual(blocked, [], 'the pages break none of their own Content-Security-Policy');
  });

  it('posts the response back to an app that asked for response_mode=form_post, its script allowed by the page policy', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    const posted = page.waitForRequest((request) => request.url().startsWith(`${rp.url}/callback`));
    await page.goto(`${rp.url}/login?response_mode=form_post`);
    await page.getByLabel('Username or email', { exact: true }).fill('alice');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal((await posted).method(), 'POST');
    await page.locator('h1').waitFor();
    assert.equal(await page.locator('h1').textContent(), 'Hello alice');
    assert.deepEqual(blocked, [], 'the auto-posting page breaks none of its own Content-Security-Policy');
    await context.close();
  });

  it('signs out a browser that has no session straight to the signed-out page, not a blank one', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${gh.url}/oidc/session/end`);
    await page.waitForURL((url) => !url.pathname.endsWith('/session/end'));
    assert.equal(await page.locator('h1').textContent(), 'Signed out');
    await context.close();
  });

  it('shows the generic message, tied to the field, after a wrong password', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${rp.url}/login`);
    await page.getByLabel('Username or email', { exact: true }).fill('alice');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const field = page.getByLabel('Password', { exact: true });
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator(`#${await field.getAttribute('aria-describedby')}`).textContent(), 'The username or password is incorrect.');
    await page.screenshot({ path: 'test/artifacts/signin-password-error-en.png' });
    await context.close();
  });
});
