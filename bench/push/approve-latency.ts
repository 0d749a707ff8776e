import { createHash, randomBytes } from 'node:crypto';
import { BenchBrowser, field } from './browser.js';
import type { BenchGatehouse } from './bench-gatehouse.js';
import { REDIRECT_URI } from './bench-gatehouse.js';
import type { BenchDevice } from './device.js';
import { openEventStream } from './event-stream.js';

/** One passwordless sign-in's times, in milliseconds from the moment the phone sends its approval. */
export interface ApproveSample {
  /** The device's approve call answered. */
  answered: number;
  /** The browser's event stream delivered `changed`. */
  event: number;
  /** The browser's page moved on: its form post was answered with the redirect back to the app. */
  moved: number;
}

/**
 * A complete OIDC passwordless sign-in: authorize, identify, the passwordless page with its event stream open, the
 * phone's approval (timed from here), the event, the page's form post, and the redirects back to the app.
 */
export async function passwordlessSignin(bench: BenchGatehouse, device: BenchDevice, login: string): Promise<ApproveSample> {
  const browser = new BenchBrowser((url) => url.href.startsWith(REDIRECT_URI));
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${bench.url}/oidc/auth`);
  authorize.search = new URLSearchParams({
    client_id: 'bench',
    response_type: 'code',
    scope: 'openid',
    redirect_uri: REDIRECT_URI,
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const identify = await browser.get(authorize);
  const base = identify.url.pathname;
  const csrf = field(identify.body, 'csrf');
  const waiting = await browser.post(new URL(`${base}/identify`, bench.url), { csrf, username: login });
  const number = Number(/class="push-number"[^>]*>(\d+)</.exec(waiting.body)?.[1]);
  const events = /data-events="([^"]+)"/.exec(waiting.body)?.[1];
  if (!number || !events) throw new Error(`no passwordless page for ${login}: ${waiting.url}`);
  const stream = openEventStream(new URL(events.replace(/&amp;/g, '&'), bench.url), browser.cookieHeader());
  await stream.opened;
  const { requests } = await device.call<{ requests: Array<{ id: string }> }>('GET', '/device/v1/requests');
  const approve = await device.sign('POST', `/device/v1/requests/${requests[0]!.id}/answer`, { action: 'approve', number, uv: 'pin' });

  const started = performance.now();
  const answer = await fetch(approve.url, approve.init);
  const answered = performance.now();
  if (!answer.ok) throw new Error(`approve: ${answer.status} ${await answer.text()}`);
  await answer.arrayBuffer();
  const event = await stream.changed;
  const check = await fetch(new URL(`${base}/passwordless`, bench.url), {
    method: 'POST',
    body: new URLSearchParams({ csrf }).toString(),
    headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  const moved = performance.now();
  stream.close();
  const next = check.headers.get('location');
  await check.arrayBuffer();
  if (check.status !== 303 || !next || next.startsWith('/signin/t/')) throw new Error(`the page did not move on: ${check.status} ${next}`);
  const back = await browser.get(new URL(next, bench.url));
  if (!back.url.href.startsWith(REDIRECT_URI)) throw new Error(`the sign-in ended at ${back.url.href}`);
  return { answered: answered - started, event: event - started, moved: moved - started };
}
