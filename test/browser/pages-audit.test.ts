import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../helpers/browser.js';
import { discoverClient, startAuthorization } from '../helpers/oidc-client.js';
import { oathtoolTotp } from '../helpers/oathtool.js';
import { nodeSamlSp, samlRelyingParty } from '../helpers/saml-sp.js';
import { startGatehouse, TEST_CLIENT, type RunningGatehouse } from '../helpers/test-gatehouse.js';
import { enrollTotp, generateRecoveryCodes } from '../integration/mfa/mfa-flows.js';
import { createShiftableClock, enrollPhone } from '../integration/push/push-flows.js';
import { VIEWS_DIR } from '../../src/package-root.js';

const PASSWORD = 'correct horse battery';
const POLICIES = `
policies:
  - name: The test app needs MFA
    applications: { include: [${TEST_CLIENT.id}] }
    grant: { require: { mfa: true } }
`;
const LOCALES = { en: 'en-US', sv: 'sv-SE', nl: 'nl-NL' } as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * Every page a person or an admin sees, in each language: axe-core finds no serious or critical problem, the page
 * is in the language the browser asked for (Accept-Language), shows no raw locale key, and a screenshot of it is
 * left under test/artifacts/ for a person to look at.
 */
describe('every page, audited with axe-core in Chromium in each language', () => {
  // Real time, so the reference authenticator (which signs with the real clock, as a phone does) stays within the
  // device API's allowed skew; TOTP codes are taken one step ahead (inside the ±1 window) instead of moving time.
  const clock = createShiftableClock();
  const enrollmentClock = { now: () => clock.now(), advance: () => {} };
  const now = () => clock.now() / 1000;
  let gh: RunningGatehouse;
  let browser: LaunchedBrowser;
  let axeSource: string;
  let keys: Set<string>;
  const rootKeys = new Map<string, string>();
  let saml: Awaited<ReturnType<typeof nodeSamlSp>>;

  before(async function () {
    this.timeout(180_000);
    const rp = { ...samlRelyingParty({ id: 'audit-sp' }), acs: [{ url: 'http://127.0.0.1:9/acs', binding: 'post' as const, index: 0 }] };
    gh = await startGatehouse({ relyingParties: [...defaultOidcApp(), rp] }, { clock, policies: POLICIES });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson' });
    await gh.addUser('bob', PASSWORD, { name: 'Bob Berg' });
    await enrollTotp(gh, 'alice', enrollmentClock);
    await generateRecoveryCodes(gh, 'alice');
    // One admin per language: each TOTP code is accepted once per user, and time is not moved.
    for (const locale of Object.keys(LOCALES)) {
      await gh.addUser(`root-${locale}`, PASSWORD, { name: 'Rita Root', groups: ['GatehouseAdmins'] });
      rootKeys.set(locale, await enrollTotp(gh, `root-${locale}`, enrollmentClock));
    }
    // One phone user per language: a request left waiting on the phone would turn the next one away.
    for (const locale of Object.keys(LOCALES)) {
      await gh.addUser(`carol-${locale}`, PASSWORD, { name: 'Carol de Vries' });
      await enrollPhone(gh, `carol-${locale}`, `carol-${locale}-phone`, { passwordless: true });
      await gh.addUser(`dave-${locale}`, PASSWORD, { name: 'Dave Dijkstra' });
      await enrollPhone(gh, `dave-${locale}`, `dave-${locale}-phone`);
    }
    saml = await nodeSamlSp(gh.url, { id: 'audit-sp' }, { callbackUrl: 'http://127.0.0.1:9/acs' });
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    keys = new Set(Object.keys(JSON.parse(await readFile(`${VIEWS_DIR}/locales/en.json`, 'utf8')) as Record<string, string>));
    browser = await launchBrowser();
    await mkdir('test/artifacts', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await gh?.stop();
  });

  function defaultOidcApp() {
    return [{ type: 'oidc' as const, id: TEST_CLIENT.id, name: 'Test App', clientSecret: TEST_CLIENT.secret, redirectUris: ['http://127.0.0.1:9/callback'], postLogoutRedirectUris: ['http://127.0.0.1:9/bye'] },
      { type: 'oidc' as const, id: 'plain', name: 'Plain App', clientSecret: 'plain-secret-for-tests', redirectUris: ['http://plain.example/callback'] },
    ];
  }

  /** Audits the page as it stands; returns the serious and critical findings, named by page. */
  async function audit(page: Page, name: string, locale: string, found: string[]): Promise<void> {
    await page.waitForLoadState('load');
    assert.equal(await page.locator('html').getAttribute('lang'), locale, `${name} is in ${locale}`);
    const text = await page.locator('body').innerText();
    const raw = text.split(/\s+/).filter((word) => keys.has(word.replace(/[.,:;]$/, '')));
    assert.deepEqual(raw, [], `${name} (${locale}) shows raw locale keys`);
    // page.evaluate runs through the DevTools protocol, which the page's CSP does not govern (an inline
    // <script> from addScriptTag would be refused by script-src 'self').
    await page.evaluate(axeSource);
    const { violations, passes } = (await page.evaluate(() =>
      (window as unknown as { axe: { run(): Promise<{ violations: unknown[]; passes: unknown[] }> } }).axe
        .run()
        .then((r) => ({ violations: r.violations, passes: r.passes.length })),
    )) as { violations: Violation[]; passes: number };
    assert.ok(passes > 10, `axe-core ran its rules on ${name}`);
    // AXE_VERBOSE=1 lists the minor and moderate findings too, for a person improving the pages.
    if (process.env.AXE_VERBOSE) for (const v of violations) console.log(`${name} (${locale}): ${v.impact} ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
      found.push(`${name} (${locale}): ${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    await page.screenshot({ path: `test/artifacts/${name}-${locale}.png`, fullPage: true });
  }

  async function identify(page: Page, login: string) {
    await page.fill('#username', login);
    await page.click('form[action$="/identify"] button[type="submit"]');
  }
  async function password(page: Page, value: string) {
    await page.fill('#password', value);
    await page.click('form[action$="/password"] button[type="submit"]');
  }
  async function totp(page: Page, key: string) {
    await page.fill('#code', await oathtoolTotp(key, now() + 30));
    await page.click('main form:has(#code) button[type="submit"]');
  }

  async function signinPages(context: BrowserContext, locale: string, found: string[]) {
    const page = await context.newPage();
    const oidc = await discoverClient(gh.url);
    await page.goto((await startAuthorization(oidc)).url.href);
    await audit(page, 'signin-identify', locale, found);
    await identify(page, 'alice');
    await page.locator('#password').waitFor();
    await audit(page, 'signin-password', locale, found);
    await password(page, 'not the password');
    await page.locator('#password-error').waitFor();
    await audit(page, 'signin-password-error', locale, found);
    await password(page, PASSWORD);
    await page.locator('#code').waitFor();
    await audit(page, 'mfa-totp', locale, found);
    await page.click('form[action$="/mfa/other"] button');
    await page.locator('form[action$="/mfa/choose"]').waitFor();
    await audit(page, 'mfa-choose', locale, found);

    await page.goto((await startAuthorization(oidc)).url.href);
    await identify(page, 'bob');
    await password(page, PASSWORD);
    await page.locator('form[action$="/mfa/enroll"]').waitFor();
    await audit(page, 'mfa-enroll-required', locale, found);
    await page.click('button[value="totp"]');
    await page.locator('#code').waitFor();
    await audit(page, 'mfa-enroll-totp', locale, found);

    await page.goto((await startAuthorization(oidc)).url.href);
    await identify(page, `carol-${locale}`);
    await page.locator('form[action$="/passwordless/password"]').waitFor();
    await audit(page, 'signin-passwordless', locale, found);

    await page.goto((await startAuthorization(oidc)).url.href);
    await identify(page, `dave-${locale}`);
    await password(page, PASSWORD);
    await page.locator('#push-number').waitFor();
    await audit(page, 'mfa-push', locale, found);

    await page.goto(`${gh.url}/signin/t/no-such-sign-in`);
    await audit(page, 'error-expired', locale, found);
    await page.close();
  }

  async function portalSamlAndLogout(context: BrowserContext, locale: string, found: string[]) {
    const page = await context.newPage();
    await page.goto(`${gh.url}/portal`);
    await identify(page, 'bob');
    await password(page, PASSWORD);
    await page.waitForURL(`${gh.url}/portal`);
    await audit(page, 'portal-home', locale, found);
    await page.click('#method-totp a');
    await page.locator('#totp-key').waitFor();
    await audit(page, 'portal-totp-enroll', locale, found);

    // The auto-POST page would leave at once: without its script it waits for "Continue", as without JavaScript.
    await page.route('**/static/autopost.js', (route) => route.abort());
    await page.goto(await saml.getAuthorizeUrlAsync('audit-relay', undefined, {}));
    if (await page.locator('#username').count()) {
      await identify(page, 'bob');
      await password(page, PASSWORD);
    }
    await page.locator('form[data-autopost]').waitFor();
    await audit(page, 'saml-autopost', locale, found);

    // oidc-provider asks "sign out?" only of a browser with a session: sign in to an app without MFA first.
    const plain = await discoverClient(gh.url, 'plain', 'plain-secret-for-tests');
    const start = await startAuthorization(plain, { redirect_uri: 'http://plain.example/callback' });
    // The app's host does not exist: the navigation fails once the provider has set its session cookie.
    const app = await context.newPage();
    await app.goto(start.url.href).catch((error: Error) => assert.match(error.message, /ERR_NAME_NOT_RESOLVED/));
    await app.close();
    await page.goto(plain.serverMetadata().end_session_endpoint!);
    await page.locator('button[value="yes"]').waitFor();
    await audit(page, 'logout-question', locale, found);
    await page.click('button[value="yes"]');
    await page.waitForURL((url) => !url.pathname.endsWith('/session/end'));
    await audit(page, 'logout-done', locale, found);
    await page.close();
  }

  async function adminPages(context: BrowserContext, locale: string, found: string[]) {
    const page = await context.newPage();
    await page.goto(`${gh.url}/admin`);
    await identify(page, `root-${locale}`);
    await password(page, PASSWORD);
    await totp(page, rootKeys.get(locale)!);
    await page.waitForURL(`${gh.url}/admin`);
    await audit(page, 'admin-overview', locale, found);
    for (const [path, name] of [['/admin/users?q=a', 'admin-users'], ['/admin/users/alice', 'admin-user'], ['/admin/audit', 'admin-events'], ['/admin/whatif', 'admin-whatif'], ['/admin/relying-parties', 'admin-relying-parties']] as const) {
      await page.goto(`${gh.url}${path}`);
      await audit(page, name, locale, found);
    }
    await page.close();
  }

  for (const [locale, browserLocale] of Object.entries(LOCALES)) {
    it(`finds no serious or critical accessibility problem on any page in ${locale}`, async function () {
      this.timeout(300_000);
      const found: string[] = [];
      const context = await browser.newContext({ locale: browserLocale });
      context.setDefaultTimeout(20_000);
      try {
        await signinPages(context, locale, found);
        await portalSamlAndLogout(context, locale, found);
        await adminPages(context, locale, found);
      } finally {
        await context.close();
      }
      assert.deepEqual(found, []);
    });
  }

  it('keeps the sign-in pages usable on a 375-pixel-wide phone screen', async function () {
    this.timeout(60_000);
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await page.goto((await startAuthorization(await discoverClient(gh.url))).url.href);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'no sideways scrolling');
    await page.screenshot({ path: 'test/artifacts/signin-identify-phone-en.png', fullPage: true });
    await context.close();
  });
});
