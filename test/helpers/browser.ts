import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** Debian's Chromium: never a browser downloaded by a test tool. */
export const chromiumPath = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this closed network
// refuses; --no-sandbox because CI runs as root.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LaunchedBrowser {
  readonly browser: Browser;
  /** The context newPage() opens pages in. */
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  /** Another context with its own cookies and storage, e.g. a second person signing in. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Closes every context and the browser; Playwright then removes the profile dir it made. */
  close(): Promise<void>;
}

/**
 * Launches headless Chromium through playwright-core. chromium.launch gives each browser a fresh temporary
 * user-data dir of its own (and deletes it on close), so no profile outlives the test.
 */
export async function launchBrowser(options: BrowserContextOptions = {}): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const context = await browser.newContext(options).catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  return {
    browser,
    context,
    newPage: () => context.newPage(),
    newContext: (contextOptions) => browser.newContext(contextOptions),
    close: () => browser.close(),
  };
}
