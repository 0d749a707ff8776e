import assert from 'node:assert/strict';
import type * as client from 'openid-client';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import type { BrowserResponse, FormBrowser } from '../../helpers/form-browser.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { enrollPhone, eventsUrl, openEvents, respond, shownNumber, submitForm } from './push-flows.js';

const PASSWORD = 'correct horse battery';
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');


describe('the page waiting on the phone moves on through its event stream', () => {
  let gh: RunningGatehouse;
  let config: client.Configuration;
  let phone: string;
  let mfaPhone: string;

  async function passwordlessPage() {
    const browser = appBrowser();
    const page = await browser.submit(await browser.get((await startAuthorization(config)).url.toString()), { username: 'alice' });
    assert.match(page.body, /Approve the sign-in on your phone/);
    return { browser, page };
  }

  before(async () => {
    gh = await startGatehouse();
    await gh.addUser('alice', PASSWORD);
    await gh.addUser('bob', PASSWORD);
    phone = await enrollPhone(gh, 'alice', 'alice-phone', { passwordless: true });
    mfaPhone = await enrollPhone(gh, 'bob', 'bob-phone');
    config = await discoverClient(gh.url);
  });
  after(() => gh.stop());

  it('sends one “changed” event as soon as the phone approves, then the page’s form finishes the sign-in', async () => {
    const { browser, page } = await passwordlessPage();
    const events = await openEvents(browser, page);
    assert.equal(events.status, 200);
    await events.opened;
    await respond(phone, '--approve', '--number', String(shownNumber(page)));
    assert.match(await events.text, /event: changed\ndata: \{\}\n\n$/);
    assert.ok(isCallback((await submitForm(browser, page, '/passwordless')).url));
  });

  it('fires at once when the phone answered before the page started listening', async () => {
    const { browser, page } = await passwordlessPage();
    await respond(phone, '--approve', '--number', String(shownNumber(page)));
    const events = await openEvents(browser, page);
    assert.match(await events.text, /event: changed/);
    assert.ok(isCallback((await submitForm(browser, page, '/passwordless')).url));
  });

  it('fires at once for a page that is no longer current, so it reloads', async () => {
    const { browser, page } = await passwordlessPage();
    await submitForm(browser, page, '/passwordless/password');
    assert.match(await (await openEvents(browser, page)).text, /event: changed/);
  });

  it('moves the push MFA page on the same way', async () => {
    const browser = appBrowser();
    const start = await startAuthorization(config, { acr_values: 'urn:gatehouse:acr:mfa' });
    const page = await signInWithPassword(browser, start, 'bob', PASSWORD);
    const events = await openEvents(browser, page);
    await events.opened;
    await respond(mfaPhone, '--approve', '--number', String(shownNumber(page)));
    assert.match(await events.text, /event: changed/);
    assert.ok(isCallback((await submitForm(browser, page, '/mfa')).url));
  });

  it('refuses the stream to another browser', async () => {
    const { browser, page } = await passwordlessPage();
    const stranger = await fetch(eventsUrl(page));
    assert.equal(stranger.status, 403);
    await submitForm(browser, page, '/passwordless/password');
  });

  it('serves the page’s script under the strict Content-Security-Policy, with no inline script on the page', async () => {
    const { browser, page } = await passwordlessPage();
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.doesNotMatch(page.body.replace(/<script src="\/static\/push-status\.js" defer><\/script>/, ''), /<script/);
    const script = await fetch(`${gh.url}/static/push-status.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(await script.text(), /EventSource/);
    await submitForm(browser, page, '/passwordless/password');
  });
});
