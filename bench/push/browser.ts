/** A page as the benchmark's browser got it. */
export interface Page {
  url: URL;
  status: number;
  body: string;
}

/**
 * The smallest browser a sign-in needs: a cookie jar and redirects followed one by one, stopping (without
 * contacting it) at the relying party's redirect URI.
 */
export class BenchBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly stopAt: (url: URL) => boolean) {}

  get(url: URL | string): Promise<Page> {
    return this.follow(new URL(url), { method: 'GET' });
  }

  post(url: URL | string, fields: Record<string, string>): Promise<Page> {
    return this.follow(new URL(url), { method: 'POST', body: new URLSearchParams(fields).toString() });
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private async follow(start: URL, first: { method: string; body?: string }): Promise<Page> {
    let url = start;
    let request = first;
    for (let hop = 0; hop < 20; hop++) {
      if (this.stopAt(url)) return { url, status: 0, body: '' };
      const headers: Record<string, string> = { cookie: this.cookieHeader() };
      if (request.body) headers['content-type'] = 'application/x-www-form-urlencoded';
      const response = await fetch(url, { method: request.method, body: request.body, headers, redirect: 'manual' });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        url = new URL(location, url);
        request = { method: 'GET' };
        continue;
      }
      return { url, status: response.status, body: await response.text() };
    }
    throw new Error(`too many redirects from ${start}`);
  }
}

/** The value of a form's hidden field, e.g. csrf. */
export function field(body: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(body);
  if (!match) throw new Error(`no field ${name} in the page`);
  return match[1]!;
}
