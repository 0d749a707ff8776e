import assert from 'node:assert/strict';
import type { FakeClock } from '../../helpers/store-contract.js';
import { readForms, type BrowserResponse, type FormBrowser } from '../../helpers/form-browser.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import type { RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { isEnrollable } from '../../../src/mfa/index.js';

/** Enrolls TOTP for a user straight through the adapter (the portal tests do it through the pages). */
export async function enrollTotp(gh: RunningGatehouse, login: string, clock: FakeClock): Promise<string> {
  const user = await gh.gatehouse.registry.directory.findUser(login);
  const totp = gh.gatehouse.registry.mfa.get('totp');
  assert.ok(user && totp && isEnrollable(totp));
  const ctx = { purpose: 'enrollment' as const, transactionId: 'test', clientIp: '127.0.0.1', rpId: 'portal', locale: 'en' };
  const key = String((await totp.beginEnrollment(user, ctx)).data.key).replace(/\s+/g, '');
  assert.equal((await totp.finishEnrollment(user, ctx, { code: await oathtoolTotp(key, clock.now() / 1000) })).kind, 'ok');
  clock.advance(30_000);
  return key;
}

/** Generates recovery codes for a user straight through the adapter. */
export async function generateRecoveryCodes(gh: RunningGatehouse, login: string): Promise<string[]> {
  const user = await gh.gatehouse.registry.directory.findUser(login);
  const recovery = gh.gatehouse.registry.mfa.get('recovery');
  assert.ok(user && recovery && isEnrollable(recovery));
  const result = await recovery.finishEnrollment(user, { purpose: 'enrollment', transactionId: 'test', clientIp: '127.0.0.1', rpId: 'portal', locale: 'en' }, {});
  assert.ok(result.kind === 'ok' && result.view);
  return result.view.data.codes as string[];
}

/** Posts the first form of an MFA page (the adapter's) with a code. */
export function submitCode(browser: FormBrowser, page: BrowserResponse, code: string): Promise<BrowserResponse> {
  return browser.submit(page, { code }, 0);
}

/** "Sign in another way", then the method with this id. */
export async function signInAnotherWay(browser: FormBrowser, page: BrowserResponse, methodId: string): Promise<BrowserResponse> {
  const forms = readForms(page.body);
  const index = forms.findIndex((form) => form.action.endsWith('/mfa/other'));
  assert.ok(index >= 0, 'the page offers "Sign in another way"');
  const list = await browser.submit(page, {}, index);
  assert.match(list.body, /Choose how to verify your identity/);
  return browser.submit(list, { method: methodId }, 0);
}

/** The text of the error tied to the code field. */
export function codeError(page: BrowserResponse): string | undefined {
  if (!/id="code"[^>]*aria-describedby="code-error"/.test(page.body)) return undefined;
  return /<p id="code-error"[^>]*>([^<]*)<\/p>/.exec(page.body)?.[1];
}
