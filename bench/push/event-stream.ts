import { request } from 'node:http';

/**
 * Opens a page's event stream as its script would. `opened` resolves once the server has subscribed (its first
 * comment arrived); `changed` resolves at the `changed` event, with the performance.now() it arrived at.
 */
export function openEventStream(url: URL, cookie: string): { opened: Promise<void>; changed: Promise<number>; close(): void } {
  let markOpened: () => void = () => {};
  let markChanged: (at: number) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const opened = new Promise<void>((resolve, reject) => ((markOpened = resolve), (fail = reject)));
  const changed = new Promise<number>((resolve, reject) => {
    markChanged = resolve;
    const previous = fail;
    fail = (error) => (previous(error), reject(error));
  });
  const req = request(url, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
    if (res.statusCode !== 200) return fail(new Error(`event stream answered ${res.statusCode}`));
    let seen = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      seen += chunk;
      if (seen.includes(': waiting')) markOpened();
      if (seen.includes('event: changed')) markChanged(performance.now());
    });
    res.on('error', (error) => fail(error));
  });
  req.on('error', (error) => fail(error));
  req.end();
  changed.catch(() => {});
  return { opened, changed, close: () => req.destroy() };
}
