import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/types.js';
import { isEnrollable } from '../../../src/mfa/index.js';
import { readForms, type BrowserResponse, type FormBrowser } from '../../helpers/form-browser.js';
import type { RunningGatehouse } from '../../helpers/test-gatehouse.js';

/**
 * Time that follows the real clock and can be moved forward: the server's push timeouts run on it, while the
 * reference authenticator signs with the real time (as a phone does), so the two stay within the allowed skew.
 */
export interface ShiftableClock {
  now(): number;
  advance(ms: number): void;
}

export function createShiftableClock(): ShiftableClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
}

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Runs `gatehouse ARGS` in this process, as the command line would. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => void out.push(line), err: (line) => void err.push(line), stdin: Readable.from(['']), env };
  const code = await main(args, io);
  return { code, out, err };
}

/** What the portal's enrollment page shows this user, through the push adapter (the portal test uses the pages). */
export async function activationView(gh: RunningGatehouse, login: string): Promise<Record<string, unknown>> {
  const user = await gh.gatehouse.registry.directory.findUser(login);
  const push = gh.gatehouse.registry.mfa.get('push');
  assert.ok(user && push && isEnrollable(push));
  return (await push.beginEnrollment(user, { purpose: 'enrollment', transactionId: 'test', clientIp: '127.0.0.1', rpId: 'portal', locale: 'en' })).data;
}

/** The activation URL the portal's QR code holds for this user. */
export async function activationUrl(gh: RunningGatehouse, login: string): Promise<string> {
  const data = await activationView(gh, login);
  assert.equal(typeof data.url, 'string', 'the page shows a QR code');
  return String(data.url);
}

/** A fresh activation URL straight from the device service (a QR code the portal showed earlier). */
export async function issuedActivationUrl(gh: RunningGatehouse, login: string): Promise<string> {
  const user = await gh.gatehouse.registry.directory.findUser(login);
  assert.ok(user);
  const { code } = await gh.gatehouse.registry.devices.activation.issue({ userId: user.id, login: user.login });
  return `${gh.url}/device/v1/activate?code=${code}`;
}

/** Activates a reference authenticator for the user; its profile file lives in the test's dir. */
export async function enrollPhone(gh: RunningGatehouse, login: string, name: string, options: { passwordless?: boolean } = {}): Promise<string> {
  const profile = join(gh.dir, `${name}.json`);
  const enrolled = await cli(['authenticator', 'enroll', await activationUrl(gh, login), '--profile', profile, '--name', name]);
  assert.equal(enrolled.code, 0, enrolled.err.join('\n'));
  if (options.passwordless) {
    const enabled = await cli(['authenticator', 'passwordless', '--profile', profile, '--enable']);
    assert.equal(enabled.code, 0, enabled.err.join('\n'));
  }
  return profile;
}

export interface ListedRequest {
  id: string;
  kind: string;
  rp: { name: string };
  client: { ip: string; location: string | null };
  match: { type: 'enter' } | { type: 'choose'; choices: number[] };
}

/** What the phone sees now. */
export async function pendingOn(profile: string): Promise<ListedRequest[]> {
  const run = await cli(['authenticator', 'pending', '--profile', profile, '--json']);
  assert.equal(run.code, 0, run.err.join('\n'));
  return JSON.parse(run.out.join('\n')) as ListedRequest[];
}

/** The phone answers. */
export function respond(profile: string, ...args: string[]): Promise<CliRun> {
  return cli(['authenticator', 'respond', '--profile', profile, ...args]);
}

/** The number the page shows (passwordless and push MFA pages alike). */
export function shownNumber(page: BrowserResponse): number {
  const match = /<p class="push-number"[^>]*>(\d+)<\/p>/.exec(page.body);
  assert.ok(match, `the page shows a number:\n${page.body.slice(0, 800)}`);
  return Number(match[1]);
}

/** Posts the page's form whose action ends with `suffix`. */
export function submitForm(browser: FormBrowser, page: BrowserResponse, suffix: string, fields: Record<string, string> = {}): Promise<BrowserResponse> {
  const index = readForms(page.body).findIndex((form) => form.action.endsWith(suffix));
  assert.ok(index >= 0, `the page has a form posting to …${suffix}`);
  return browser.submit(page, fields, index);
}

/** The event-stream address the page's script opens. */
export function eventsUrl(page: BrowserResponse): string {
  const match = /data-events="([^"]+)"/.exec(page.body);
  assert.ok(match, 'the page waits on an event stream');
  return new URL(match[1]!.replace(/&amp;/g, '&'), page.url).toString();
}

/** Opens the page's event stream as its script would (same cookies); resolves with what came before the stream ended. */
export async function openEvents(browser: FormBrowser, page: BrowserResponse): Promise<{ status: number; opened: Promise<void>; text: Promise<string> }> {
  const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(eventsUrl(page), { headers: { cookie, accept: 'text/event-stream' } });
  if (!response.body || response.status !== 200) return { status: response.status, opened: Promise.resolve(), text: response.text() };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let markOpen: () => void = () => {};
  const opened = new Promise<void>((resolve) => (markOpen = resolve));
  const text = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return seen;
      seen += decoder.decode(value, { stream: true });
      if (seen.includes(': waiting')) markOpen();
    }
  })();
  return { status: response.status, opened, text };
}
