import assert from 'node:assert/strict';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../helpers/browser.js';
import type { LaunchedBrowser } from '../../helpers/browser.js';

const artifacts = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const profileDirs = async (): Promise<string[]> =>
  (await readdir(tmpdir())).filter((name) => name.startsWith('playwright_chromiumdev_profile-'));

describe('the Chromium harness', () => {
  let server: Server;
  let origin: string;
  let browser: LaunchedBrowser | undefined;

  before(async () => {
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end('<!doctype html><title>Gatehouse harness</title><h1 id="greeting">Hello from loopback</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('loads a page from a loopback server, reads its title and takes a screenshot', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    assert.equal(await page.title(), 'Gatehouse harness');
    assert.equal(await page.textContent('#greeting'), 'Hello from loopback');

    await mkdir(artifacts, { recursive: true });
    const file = `${artifacts}harness-browser.png`;
    await page.screenshot({ path: file });
    const png = await readFile(file);
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
  });

  it('keeps cookies apart between contexts', async () => {
    browser ??= await launchBrowser();
    await browser.context.addCookies([{ name: 'sid', value: 'first', url: origin }]);
    const other = await browser.newContext();
    assert.deepEqual(await other.cookies(origin), []);
    await other.close();
  });

  it('starts from a fresh profile dir and removes it on close', async () => {
    await browser?.close();
    const before = await profileDirs();
    browser = await launchBrowser();
    const during = (await profileDirs()).filter((name) => !before.includes(name));
    assert.equal(during.length, 1);
    await browser.close();
    browser = undefined;
    assert.deepEqual((await profileDirs()).filter((name) => !before.includes(name)), []);
  });
});
