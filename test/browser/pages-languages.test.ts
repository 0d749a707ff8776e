import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../helpers/browser.js';
import { discoverClient, startAuthorization } from '../helpers/oidc-client.js';
import { startGatehouse, type RunningGatehouse } from '../helpers/test-gatehouse.js';

describe('choosing the language of the pages in Chromium', () => {
  let gh: RunningGatehouse;
  let browser: LaunchedBrowser;
  const signInPage = async (page: Page, extra: Record<string, string> = {}) => {
    await page.goto((await startAuthorization(await discoverClient(gh.url), extra)).url.href);
    await page.locator('#username').waitFor();
  };
  const heading = (page: Page) => page.locator('h1').textContent();
  const lang = (page: Page) => page.locator('html').getAttribute('lang');

  before(async () => {
    gh = await startGatehouse();
    await gh.addUser('alice', 'correct horse battery');
    browser = await launchBrowser({ locale: 'en-GB' });
  });
  after(async () => {
    await browser?.close();
    await gh?.stop();
  });

  it('switches a sign-in page between English, Swedish and Dutch from the language menu, and remembers the choice', async () => {
    const page = await browser.newPage();
    await signInPage(page);
    assert.equal(await heading(page), 'Sign in');
    assert.equal(await lang(page), 'en');
    assert.equal(await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'English' }).getAttribute('aria-current'), 'true');

    await page.getByRole('link', { name: 'Svenska' }).click();
    // The first page is the protocol endpoint's answer; the menu returns to the sign-in's own address.
    await page.waitForURL(/\/signin\/t\/[^/?]+$/);
    const url = page.url();
    assert.equal(await heading(page), 'Logga in');
    assert.equal(await lang(page), 'sv');
    assert.equal(await page.getByLabel('Användarnamn eller e-post').count(), 1);

    await page.getByRole('navigation', { name: 'Språk' }).getByRole('link', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    assert.equal(page.url(), url);
    assert.equal(await heading(page), 'Aanmelden');
    assert.equal(await lang(page), 'nl');

    const next = await browser.newPage();
    await signInPage(next);
    assert.equal(await heading(next), 'Aanmelden', 'the choice is kept for the next sign-in');
    await next.close();
    await page.close();
  });

  it('shows a sign-in in the language its app asked for with ui_locales, on every page of it', async () => {
    const page = await browser.newPage();
    await signInPage(page, { ui_locales: 'fi sv-SE' });
    assert.equal(await heading(page), 'Logga in');
    await page.fill('#username', 'alice');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Ange ditt lösenord' }).waitFor();
    assert.equal(await lang(page), 'sv');
    await page.close();
  });

  it('follows the browser’s Accept-Language when nothing else chose', async () => {
    const context = await browser.newContext({ locale: 'nl-BE' });
    const page = await context.newPage();
    await signInPage(page);
    assert.equal(await heading(page), 'Aanmelden');
    await context.close();
  });

  it('goes back only to a path on this server after a language is chosen', async () => {
    for (const [target, expected] of [['/signin/t/x?y=1', '/signin/t/x?y=1'], ['//evil.example/', '/portal'], ['https://evil.example/', '/portal'], ['/\\evil.example', '/portal']]) {
      const response = await fetch(`${gh.url}/lang?l=sv&return=${encodeURIComponent(target!)}`, { redirect: 'manual' });
      assert.equal(response.status, 302);
      assert.equal(response.headers.get('location'), expected, target);
      assert.match(response.headers.get('set-cookie') ?? '', /^gh_lang=sv;.*httponly/i);
    }
  });
});
