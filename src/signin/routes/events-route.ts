import type Router from '@koa/router';
import type { Context } from 'koa';
import { PassThrough } from 'node:stream';
import type { SigninDeps } from '../deps.js';
import { mfaScratch } from '../steps/mfa-state.js';
import { passwordlessScratch } from '../steps/passwordless.js';
import type { SigninTransaction } from '../types.js';
import { loadTransaction } from './load-transaction.js';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** A stream ends after this long; EventSource reconnects on its own. */
const MAX_STREAM_MS = 10 * 60_000;

/**
 * GET /signin/t/:id/events?since=N: Server-Sent Events for a page waiting on the phone. One `changed` event, then
 * the stream ends and the page posts its form: when the transaction's change count moves past N (a phone answered
 * on any node: the count and the message are in the Store), when the request's time is up, or at once when the
 * page is stale. No polling delay.
 */
export function addEventsRoute(router: Router, deps: SigninDeps): void {
  router.get('/:id/events', async (ctx) => {
    const tx = await loadTransaction(ctx, deps.transactions, { id: ctx.params.id! });
    const since = Number.parseInt(String(ctx.query.since ?? '0'), 10) || 0;
    const stream = new PassThrough();
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.status = 200;
    ctx.type = 'text/event-stream';
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Accel-Buffering', 'no');
    ctx.body = stream;
    stream.write(': waiting\n\n');

    const timers: NodeJS.Timeout[] = [];
    let unsubscribe: (() => Promise<void>) | undefined;
    let ended = false;
    const end = (event?: string) => {
      if (ended) return;
      ended = true;
      for (const timer of timers) clearTimeout(timer);
      void unsubscribe?.();
      if (event) stream.write(`event: ${event}\ndata: {}\n\n`);
      stream.end();
    };
    ctx.res.once('close', () => end());

    const deadline = waitingUntil(tx);
    if (deadline === undefined || !deps.signals) return end('changed');
    unsubscribe = await deps.signals.subscribe(tx.id, (version) => version > since && end('changed'));
    if (ended) return void unsubscribe();
    if ((await deps.signals.version(tx.id)) > since) return end('changed');
    // The request's time: fake clocks in tests move the deadline, not the timer's real delay, which is fine.
    timers.push(setTimeout(() => end('changed'), Math.max(0, deadline - deps.clock.now()) + 250));
    timers.push(setTimeout(() => end(), MAX_STREAM_MS));
    timers.push(setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS));
  });
}

/** Until when the page waits for the phone; undefined when it has nothing to wait for (stale page). */
function waitingUntil(tx: SigninTransaction): number | undefined {
  if (tx.state === 'passwordless') return passwordlessScratch(tx)?.expiresAt;
  if (tx.state !== 'mfa') return undefined;
  const expiresAt = mfaScratch(tx)?.view?.data.expiresAt;
  return typeof expiresAt === 'number' ? expiresAt : undefined;
}
