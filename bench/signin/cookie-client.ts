import type { RequestRecorder } from './request-log.js';

export interface Page {
  url: URL;
  status: number;
  body: string;
  /** True when a redirect led to an address the client was told not to contact (the relying party). */
  stopped: boolean;
}

/**
 * The smallest browser a sign-in needs: one cookie jar, redirects followed one by one with plain fetch (so it can
 * stop at the relying party's redirect URI), POST turned into GET after 302/303. Cookie paths are ignored: every
 * cookie goes with every request to the one server, which only ever adds a few bytes.
 */
export class CookieClient {
  readonly #cookies = new Map<string, string>();

  constructor(
    private readonly stopAt: (url: URL) => boolean,
    private readonly log: RequestRecorder,
  ) {}

  get(url: URL): Promise<Page> {
    return this.#follow(url, { method: 'GET' });
  }

  post(url: URL, fields: Record<string, string>): Promise<Page> {
    return this.#follow(url, { method: 'POST', body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' });
  }

  async #follow(start: URL, first: { method: string; body?: string; contentType?: string }): Promise<Page> {
    let url = start;
    let request = first;
    for (let hop = 0; hop < 20; hop++) {
      if (this.stopAt(url)) return { url, status: 0, body: '', stopped: true };
      const headers: Record<string, string> = { cookie: this.#cookieHeader(), accept: 'text/html' };
      if (request.contentType) headers['content-type'] = request.contentType;
      const started = performance.now();
      const response = await fetch(url, { method: request.method, body: request.body, headers, redirect: 'manual' });
      const body = await response.text();
      this.log.add(request.method, url, performance.now() - started);
      this.#keep(response);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url, status: response.status, body, stopped: false };
      url = new URL(location, url);
      if (response.status !== 307 && response.status !== 308) request = { method: 'GET' };
    }
    throw new Error(`too many redirects from ${start.pathname}`);
  }

  /** The Cookie header this browser sends (for a page's event stream, opened beside the page). */
  cookieHeader(): string {
    return this.#cookieHeader();
  }

  #cookieHeader(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  #keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0]!;
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}
