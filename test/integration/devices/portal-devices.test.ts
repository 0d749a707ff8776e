import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FormBrowser, readForms, type BrowserResponse } from '../../helpers/form-browser.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { cli, respond, shownNumber, submitForm } from '../push/push-flows.js';

const PASSWORD = 'correct horse battery';

async function portalSignIn(browser: FormBrowser, url: string, login: string): Promise<BrowserResponse> {
  const identify = await browser.get(`${url}/portal`);
  const password = await browser.submit(identify, { username: login });
  return browser.submit(password, { password: PASSWORD });
}

/** The activation URL the QR code holds, as the page also prints it. */
function activationUrlOn(page: BrowserResponse): string {
  const match = /<code id="activation-url">([^<]+)<\/code>/.exec(page.body);
  assert.ok(match, `the page shows the activation address:\n${page.body.slice(0, 1500)}`);
  return match[1]!.replace(/&amp;/g, '&');
}

describe('activating the mobile app in the portal', () => {
  let gh: RunningGatehouse;
  let browser: FormBrowser;
  let firstPhone: string;

  before(async () => {
    gh = await startGatehouse({ organization: { name: 'Example Corp', logo: null }, push: { maxDevicesPerUser: 2 } });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson' });
    browser = new FormBrowser();
  });
  after(() => gh.stop());

  it('shows a QR code with the service address and a one-time code, and finishes once the app has activated', async () => {
    const home = await portalSignIn(browser, gh.url, 'alice');
    assert.match(home.body, /<strong>Mobile app notification<\/strong>:\s*Not set up/);
    const setup = await browser.get(`${gh.url}/portal/methods/push/enroll`);
    assert.match(setup.body, /<h1 id="page-title">Set up Mobile app notification<\/h1>/);
    assert.match(setup.body, /<img src="data:image\/png;base64,[^"]+" alt="QR code holding the service address/);
    assert.match(setup.body, /<code id="activation-code">[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}<\/code>/);
    assert.match(setup.body, /Install the Example Corp authenticator app/);
    const url = activationUrlOn(setup);
    assert.ok(url.startsWith(`${gh.url}/device/v1/activate?code=`));

    const early = await browser.submit(setup);
    assert.match(early.body, /The app has not been activated yet/);
    assert.equal(activationUrlOn(early), url, 'the same code is shown again');

    firstPhone = join(gh.dir, 'first.json');
    assert.equal((await cli(['authenticator', 'enroll', url, '--profile', firstPhone, '--name', 'Pixel 8'])).code, 0);
    const codes = await browser.submit(early);
    assert.match(codes.body, /Save your recovery codes/, 'a first method brings recovery codes, shown once');
    const after = await browser.get(`${gh.url}/portal`);
    assert.match(after.body, /<strong>Mobile app notification<\/strong>:\s*Added [A-Z][a-z]{2} \d{1,2}, \d{4}, Pixel 8/);
    assert.match(after.body, /<h2 id="devices-title">Your phones<\/h2>/);
    assert.match(after.body, /<strong>Pixel 8<\/strong> \(cli\)/);
  });

  it('adds a second phone after verifying with the first, then says the limit is reached', async () => {
    const verify = await browser.get(`${gh.url}/portal/verify?next=/portal`);
    assert.match(verify.body, /enter this number/);
    await respond(firstPhone, '--approve', '--number', String(shownNumber(verify)));
    const home = await submitForm(browser, verify, '/mfa');
    assert.equal(home.url, `${gh.url}/portal`);
    assert.match(home.body, /Add another phone/);
    const setup = await browser.get(`${gh.url}/portal/methods/push/enroll`);
    const second = join(gh.dir, 'second.json');
    assert.equal((await cli(['authenticator', 'enroll', activationUrlOn(setup), '--profile', second, '--name', 'iPad'])).code, 0);
    const done = await browser.submit(setup);
    assert.equal(done.url, `${gh.url}/portal`);
    assert.match(done.body, /<strong>iPad<\/strong>/);
    const full = await browser.get(`${gh.url}/portal/methods/push/enroll`);
    assert.match(full.body, /You already have 2 phones set up, the most allowed/);
    assert.doesNotMatch(full.body, /activation-code/);
  });

  it('removes one phone, then with the last one the method and the recovery codes', async () => {
    const home = await browser.get(`${gh.url}/portal`);
    const removeForms = readForms(home.body).filter((form) => /\/portal\/devices\/[^/]+\/remove$/.test(form.action));
    assert.equal(removeForms.length, 2);
    const removeFirstPhone = (page: BrowserResponse) => browser.submit(page, {}, readForms(page.body).findIndex((form) => form.action.startsWith('/portal/devices/')));
    const afterOne = await removeFirstPhone(home);
    assert.match(afterOne.body, /The phone was removed/);
    assert.equal(readForms(afterOne.body).filter((form) => form.action.includes('/portal/devices/')).length, 1);
    const afterLast = await removeFirstPhone(afterOne);
    assert.match(afterLast.body, /<strong>Mobile app notification<\/strong>:\s*Not set up/);
    assert.doesNotMatch(afterLast.body, /Your phones/);
    const user = await gh.gatehouse.registry.directory.findUser('alice');
    assert.deepEqual((await gh.gatehouse.registry.mfa.enrolledMethods(user!)).map((m) => m.adapter.id), [], 'recovery codes went with the last method');
    for (const profile of [firstPhone, join(gh.dir, 'second.json')]) {
      const refused = await cli(['authenticator', 'pending', '--profile', profile]);
      assert.equal(refused.code, 1, 'a removed phone is refused');
      assert.match(refused.err[0]!, /\(401 unknown_device\)/);
    }
  });

  it('hides the mobile app when portal.mobileApp is off', async () => {
    const off = await startGatehouse({ portal: { mobileApp: false } });
    try {
      await off.addUser('bob', PASSWORD);
      const other = new FormBrowser();
      const home = await portalSignIn(other, off.url, 'bob');
      assert.doesNotMatch(home.body, /Mobile app notification/);
      assert.equal((await other.get(`${off.url}/portal/methods/push/enroll`)).status, 404);
    } finally {
      await off.stop();
    }
  });
});
