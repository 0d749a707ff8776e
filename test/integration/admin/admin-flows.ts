import assert from 'node:assert/strict';
import { FormBrowser, readForms, type BrowserResponse } from '../../helpers/form-browser.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import type { FakeClock } from '../../helpers/store-contract.js';
import type { RunningGatehouse } from '../../helpers/test-gatehouse.js';

export const ADMIN_PASSWORD = 'admin password for tests';

/** Signs in to /admin through the real pages: identify, password, TOTP. Returns the browser and the last page. */
export async function signInToAdmin(gh: RunningGatehouse, clock: FakeClock, login: string, key: string, browser = new FormBrowser()): Promise<{ browser: FormBrowser; page: BrowserResponse }> {
  clock.advance(30_000);
  let page = await browser.get(`${gh.url}/admin`);
  if (/id="username"/.test(page.body) && !/readonly/.test(page.body)) page = await browser.submit(page, { username: login });
  if (/type="password"/.test(page.body)) page = await browser.submit(page, { password: ADMIN_PASSWORD });
  assert.match(page.body, /autocomplete="one-time-code"/, `expected the TOTP page, got ${page.url}`);
  page = await browser.submit(page, { code: await oathtoolTotp(key, clock.now() / 1000) }, 0);
  return { browser, page };
}

/** The CSRF token of the admin pages' forms (the sign-out form is on every page). */
export function adminCsrf(page: BrowserResponse): string {
  const form = readForms(page.body).find((f) => f.action === '/admin/signout');
  assert.ok(form, `no admin form in ${page.url}`);
  return form.fields.csrf!;
}

/** fetch with the browser's cookies, for calling /admin/api with an admin session. */
export function withCookies(browser: FormBrowser, init: RequestInit = {}): RequestInit {
  const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return { ...init, headers: { ...(init.headers as Record<string, string>), cookie } };
}
