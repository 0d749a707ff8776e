import assert from 'node:assert/strict';
import { oathtoolTotp } from '../../helpers/oathtool.js';
import { nodeSamlSp, postedForm, responseXml, samlRelyingParty, signIn, spBrowser, startSso, type TestSpOptions } from '../../helpers/saml-sp.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { enrollTotp } from '../mfa/mfa-flows.js';

const PASSWORD = 'correct horse battery';
const MULTIPLE_AUTHN = 'http://schemas.microsoft.com/claims/multipleauthn';
const REFEDS_MFA = 'https://refeds.org/profile/mfa';
const PPT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const SP: TestSpOptions = { id: 'stepup', signingKey: 'sp-signing' };
const classRef = (xml: string) => /<saml:AuthnContextClassRef>([^<]+)<\/saml:AuthnContextClassRef>/.exec(xml)?.[1];

describe('step-up through SAML RequestedAuthnContext', () => {
  let gh: RunningGatehouse;
  let clock: FakeClock;
  let aliceKey: string;

  before(async () => {
    clock = createFakeClock(Date.now());
    gh = await startGatehouse({ relyingParties: [samlRelyingParty(SP)] }, { clock });
    await gh.addUser('alice', PASSWORD, { email: 'alice@example.org' });
    await gh.addUser('bob', PASSWORD, { email: 'bob@example.org' });
    aliceKey = await enrollTotp(gh, 'alice', clock);
  });
  after(() => gh.stop());
  beforeEach(() => clock.advance(30_000));

  // node-saml checks the assertion's times against the real clock; Gatehouse runs on the fake one, a little ahead.
  const sp = (authnContext: string[], racComparison: 'exact' | 'minimum' | 'better' = 'exact') => nodeSamlSp(gh.url, SP, { authnContext, racComparison, acceptedClockSkewMs: 15 * 60_000 });

  it('moves a sign-in that asks for multipleauthn into the MFA step, even though no policy asks for it', async () => {
    const browser = spBrowser();
    const page = await signIn(browser, await startSso(browser, await sp([MULTIPLE_AUTHN]), 'redirect'), 'bob', PASSWORD);
    assert.match(page.body, /<h1 id="page-title">More information required<\/h1>/, 'bob has no method yet, so he is asked to set one up');
    const decided = gh.auditEvents.filter((e) => e.event === 'access.decided' && e.uniqueId === 'bob').at(-1);
    assert.equal(decided?.reason, 'requires mfa');
  });

  it('says multipleauthn in the AuthnContextClassRef and authnmethodsreferences once the TOTP code is given', async () => {
    const saml = await sp([MULTIPLE_AUTHN]);
    const browser = spBrowser();
    const page = await signIn(browser, await startSso(browser, saml, 'redirect'), 'alice', PASSWORD);
    assert.match(page.body, /autocomplete="one-time-code"/);
    const done = await browser.submit(page, { code: await oathtoolTotp(aliceKey, clock.now() / 1000) });
    assert.equal(classRef(responseXml(done)), MULTIPLE_AUTHN);
    const { profile } = await saml.validatePostResponseAsync(postedForm(done).fields);
    assert.deepEqual(profile?.['http://schemas.microsoft.com/claims/authnmethodsreferences'], ['http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password', MULTIPLE_AUTHN]);
  });

  it('answers with the MFA class the SP asked for: REFEDS MFA', async () => {
    const saml = await sp([REFEDS_MFA]);
    const browser = spBrowser();
    const page = await signIn(browser, await startSso(browser, saml, 'post'), 'alice', PASSWORD);
    const done = await browser.submit(page, { code: await oathtoolTotp(aliceKey, clock.now() / 1000) });
    assert.equal(classRef(responseXml(done)), REFEDS_MFA);
    assert.ok((await saml.validatePostResponseAsync(postedForm(done).fields)).profile);
  });

  it('re-uses an SSO session that did MFA for a later MFA request, and says so', async () => {
    const saml = await sp([MULTIPLE_AUTHN]);
    const browser = spBrowser();
    const page = await signIn(browser, await startSso(browser, saml, 'redirect'), 'alice', PASSWORD);
    await browser.submit(page, { code: await oathtoolTotp(aliceKey, clock.now() / 1000) });
    const again = await startSso(browser, saml, 'redirect');
    assert.equal(classRef(responseXml(again)), MULTIPLE_AUTHN);
  });

  it('asks for nothing more than the password for PasswordProtectedTransport, and says so', async () => {
    const saml = await sp([PPT], 'minimum');
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, saml, 'redirect'), 'alice', PASSWORD);
    assert.equal(classRef(responseXml(done)), PPT);
    assert.ok((await saml.validatePostResponseAsync(postedForm(done).fields)).profile);
  });

  it('steps up when the SP asks for better than a password', async () => {
    const browser = spBrowser();
    const page = await signIn(browser, await startSso(browser, await sp([PPT], 'better'), 'redirect'), 'alice', PASSWORD);
    assert.match(page.body, /autocomplete="one-time-code"/);
  });
});
