/**
 * A minimal browser for integration tests: keeps cookies per host, follows redirects one by one (so a test can
 * stop at the relying party's redirect URI), reads forms from HTML and posts them as a browser would.
 */
export interface Form {
  action: string;
  method: string;
  fields: Record<string, string>;
}

export interface BrowserResponse {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

export class FormBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly stopAt: (url: URL) => boolean = () => false,
    /** Sent with every request, redirects included (e.g. X-Forwarded-For as a proxy would add it). */
    readonly headers: Record<string, string> = {},
  ) {}

  /** GETs a URL and follows redirects until a page answers or a redirect leads to a `stopAt` address. */
  async get(url: string): Promise<BrowserResponse> {
    return this.request(url, { method: 'GET' });
  }

  /** POSTs a form (urlencoded) and follows redirects the same way. */
  async post(url: string, fields: Record<string, string>): Promise<BrowserResponse> {
    return this.request(url, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Submits the form found in a page, with fields overridden or added. */
  async submit(page: BrowserResponse, overrides: Record<string, string> = {}, formIndex = 0): Promise<BrowserResponse> {
    const form = readForms(page.body)[formIndex];
    if (!form) throw new Error(`no form #${formIndex} in the page at ${page.url}:\n${page.body.slice(0, 500)}`);
    const action = new URL(form.action || page.url, page.url).toString();
    return this.post(action, { ...form.fields, ...overrides });
  }

  private async request(url: string, init: RequestInit): Promise<BrowserResponse> {
    let current = new URL(url);
    let options: RequestInit = init;
    for (let hop = 0; hop < 20; hop++) {
      if (this.stopAt(current)) return { url: current.toString(), status: 0, headers: new Headers(), body: '' };
      const response = await fetch(current, { ...options, redirect: 'manual', headers: { ...this.headers, ...(options.headers as Record<string, string>), cookie: this.cookieHeader() } });
      this.keepCookies(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        current = new URL(location, current);
        // Browsers turn a POST into a GET after 302 and 303.
        if (response.status !== 307 && response.status !== 308) options = { method: 'GET' };
        continue;
      }
      return { url: current.toString(), status: response.status, headers: response.headers, body: await response.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** Every form in a page with its hidden and visible fields (value attributes), decoded from HTML entities. */
export function readForms(html: string): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = match[1]!;
    const fields: Record<string, string> = {};
    for (const input of match[2]!.matchAll(/<input\b([^>]*)>/gi)) {
      const name = attr(input[1]!, 'name');
      if (name) fields[name] = attr(input[1]!, 'value') ?? '';
    }
    forms.push({ action: attr(attributes, 'action') ?? '', method: (attr(attributes, 'method') ?? 'get').toLowerCase(), fields });
  }
  return forms;
}

function attr(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(attributes);
  return match ? decodeEntities(match[1]!) : undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity[0] !== '#') return named[entity.toLowerCase()]!;
    return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });
}
