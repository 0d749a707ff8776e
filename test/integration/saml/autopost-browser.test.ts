import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SAML } from '@node-saml/node-saml';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser.js';
import { nodeSamlSp, samlRelyingParty } from '../../helpers/saml-sp.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

const PASSWORD = 'correct horse battery';

/** A stand-in for the SP's ACS: records what the browser posts to it. */
async function startAcs(): Promise<{ server: Server; url: string; posts: Array<Record<string, string>>; next(): Promise<Record<string, string>> }> {
  const posts: Array<Record<string, string>> = [];
  const waiting: Array<(body: Record<string, string>) => void> = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const fields = Object.fromEntries(new URLSearchParams(body));
      posts.push(fields);
      waiting.shift()?.(fields);
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end('<!doctype html><title>SP signed in</title><h1>Signed in at the SP</h1>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acs`;
  return { server, url, posts, next: () => new Promise((resolve) => waiting.push(resolve)) };
}

describe('the SAML auto-POST page in Chromium', () => {
  let gh: RunningGatehouse;
  let acs: Awaited<ReturnType<typeof startAcs>>;
  let sp: SAML;
  let browser: LaunchedBrowser;

  before(async () => {
    acs = await startAcs();
    const rp = { ...samlRelyingParty({ id: 'chromium' }), acs: [{ url: acs.url, binding: 'post' as const, index: 0 }] };
    gh = await startGatehouse({ relyingParties: [rp] });
    await gh.addUser('alice', PASSWORD, { email: 'alice@example.org' });
    sp = await nodeSamlSp(gh.url, { id: 'chromium' }, { callbackUrl: acs.url });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await gh?.stop();
    await new Promise((resolve) => acs.server.close(resolve));
  });

  async function signInIn(javaScriptEnabled: boolean) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(await sp.getAuthorizeUrlAsync('chromium-relay', undefined, {}));
    await page.fill('#username', 'alice');
    await page.click('button[type="submit"]');
    await page.fill('#password', PASSWORD);
    return { context, page, violations };
  }

  it('posts the Response to the ACS by itself, with the script served as a file under the strict CSP', async () => {
    const { context, page, violations } = await signInIn(true);
    const posted = acs.next();
    await page.click('button[type="submit"]');
    const fields = await posted;
    await page.waitForURL(acs.url);
    assert.equal(fields.RelayState, 'chromium-relay');
    assert.equal((await sp.validatePostResponseAsync(fields)).profile?.nameID, 'alice@example.org');
    assert.deepEqual(violations, []);
    await context.close();
  });

  it('works without JavaScript: the page shows Continue, which posts the same form', async () => {
    const { context, page } = await signInIn(false);
    await page.click('button[type="submit"]');
    await page.waitForSelector('form[data-autopost] button');
    assert.equal((await page.textContent('form[data-autopost] button'))?.trim(), 'Continue');
    const posted = acs.next();
    await page.click('form[data-autopost] button');
    const fields = await posted;
    assert.equal((await sp.validatePostResponseAsync(fields)).profile?.nameID, 'alice@example.org');
    await context.close();
  });
});
