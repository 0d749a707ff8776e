import assert from 'node:assert/strict';
import type { SAML } from '@node-saml/node-saml';
import { fixture, nodeSamlSp, postedForm, responseXml, samlRelyingParty, samlStatus, signIn, spAcs, spBrowser, startSso, type TestSpOptions } from '../../helpers/saml-sp.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { signatureOf, xmlsecVerify } from '../../helpers/xmlsec.js';

const PASSWORD = 'correct horse battery';
const SIGNED: TestSpOptions = { id: 'signed', signingKey: 'sp-signing', wantRequestsSigned: true, attributes: { email: 'mail', groups: 'groups', displayName: 'name' } };
const BOTH: TestSpOptions = { id: 'both', sign: { assertion: true, response: true } };
const RESPONSE_ONLY: TestSpOptions = { id: 'responseonly', sign: { assertion: false, response: true } };

describe('SAML 2.0 SSO with node-saml as the SP', () => {
  let gh: RunningGatehouse;
  let signedSp: SAML;

  before(async () => {
    gh = await startGatehouse({ relyingParties: [samlRelyingParty(SIGNED), samlRelyingParty(BOTH), samlRelyingParty(RESPONSE_ONLY)] });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson', email: 'alice@example.org', groups: ['staff', 'admins'] });
    signedSp = await nodeSamlSp(gh.url, SIGNED);
  });
  after(() => gh.stop());

  it('signs in through HTTP-Redirect with a signed request; node-saml accepts the Response and gets the RelayState back', async () => {
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, signedSp, 'redirect', 'back-to/page?x=1'), 'alice', PASSWORD);
    const form = postedForm(done);
    assert.equal(form.action, spAcs('signed'));
    assert.equal(form.fields.RelayState, 'back-to/page?x=1');
    const { profile } = await signedSp.validatePostResponseAsync(form.fields);
    assert.equal(profile?.nameID, 'alice@example.org');
    assert.equal(profile?.nameIDFormat, 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    assert.equal(profile?.email, 'alice@example.org');
    assert.deepEqual(profile?.groups, ['staff', 'admins']);
    assert.equal(profile?.displayName, 'Alice Andersson');
    assert.equal(profile?.['http://schemas.microsoft.com/claims/authnmethodsreferences'], 'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password');
    assert.ok(gh.auditEvents.some((e) => e.event === 'saml.issued' && e.rp === 'signed' && e.uniqueId === 'alice'));
  });

  it('signs in through HTTP-POST with an XML-signed request sent as the binding defines (not DEFLATEd)', async () => {
    const sp = await nodeSamlSp(gh.url, SIGNED, { skipRequestCompression: true });
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, sp, 'post', 'post-relay'), 'alice', PASSWORD);
    const { profile } = await sp.validatePostResponseAsync(postedForm(done).fields);
    assert.equal(profile?.nameID, 'alice@example.org');
    assert.equal(postedForm(done).fields.RelayState, 'post-relay');
  });

  it('signs in through HTTP-POST with the DEFLATEd request node-saml sends by default', async () => {
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, signedSp, 'post'), 'alice', PASSWORD);
    const { profile } = await signedSp.validatePostResponseAsync(postedForm(done).fields);
    assert.equal(profile?.nameID, 'alice@example.org');
  });

  it('says what tokens must say: audience, a short validity, the bearer confirmation and a truthful context', async () => {
    const browser = spBrowser();
    const started = Date.now();
    const done = await signIn(browser, await startSso(browser, signedSp, 'redirect'), 'alice', PASSWORD);
    const xml = responseXml(done);
    const { profile } = await signedSp.validatePostResponseAsync(postedForm(done).fields);
    assert.match(xml, /<saml:AudienceRestriction><saml:Audience>http:\/\/127\.0\.0\.1:9\/signed<\/saml:Audience><\/saml:AudienceRestriction>/);
    const confirmation = /<saml:SubjectConfirmationData InResponseTo="([^"]+)" NotOnOrAfter="([^"]+)" Recipient="([^"]+)"\/>/.exec(xml);
    assert.ok(confirmation, 'SubjectConfirmationData carries InResponseTo, NotOnOrAfter and Recipient');
    assert.equal(confirmation[1], profile?.inResponseTo);
    assert.equal(confirmation[3], spAcs('signed'));
    assert.ok(Date.parse(confirmation[2]!) - started <= 5 * 60_000 + 2_000, 'valid for five minutes at most');
    const conditions = /<saml:Conditions NotBefore="([^"]+)" NotOnOrAfter="([^"]+)">/.exec(xml)!;
    assert.ok(Date.parse(conditions[2]!) - Date.parse(conditions[1]!) <= 5 * 60_000);
    assert.match(xml, /<saml:AuthnStatement AuthnInstant="[^"]+" SessionIndex="_[A-Za-z0-9_-]+" SessionNotOnOrAfter="[^"]+">/);
    assert.match(xml, /<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2\.0:ac:classes:PasswordProtectedTransport<\/saml:AuthnContextClassRef>/);
    assert.equal(profile?.sessionIndex?.startsWith('_'), true);
  });

  it('signs the assertion only by default, and xmlsec1 verifies that signature with the certificate from the metadata', async () => {
    const browser = spBrowser();
    const xml = responseXml(await signIn(browser, await startSso(browser, signedSp, 'redirect'), 'alice', PASSWORD));
    const certificate = gh.gatehouse.registry.keys.signing.certificatePem;
    assert.equal((await xmlsecVerify(xml, certificate, signatureOf('Assertion'))).ok, true);
    assert.doesNotMatch(xml, /^<samlp:Response[^>]*><saml:Issuer>[^<]*<\/saml:Issuer><ds:Signature/);
  });

  it('signs both the response and the assertion when the SP is set so, and xmlsec1 verifies each', async () => {
    const sp = await nodeSamlSp(gh.url, BOTH);
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, sp, 'redirect'), 'alice', PASSWORD);
    const xml = responseXml(done);
    const certificate = gh.gatehouse.registry.keys.signing.certificatePem;
    const response = await xmlsecVerify(xml, certificate, signatureOf('Response'));
    const assertion = await xmlsecVerify(xml, certificate, signatureOf('Assertion'));
    assert.ok(response.ok, response.output);
    assert.ok(assertion.ok, assertion.output);
    assert.equal((await sp.validatePostResponseAsync(postedForm(done).fields)).profile?.nameID, 'alice@example.org');
  });

  it('signs only the response when the SP is set so', async () => {
    const sp = await nodeSamlSp(gh.url, RESPONSE_ONLY);
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, sp, 'redirect'), 'alice', PASSWORD);
    const xml = responseXml(done);
    assert.equal((xml.match(/<ds:Signature /g) ?? []).length, 1);
    assert.ok((await xmlsecVerify(xml, gh.gatehouse.registry.keys.signing.certificatePem, signatureOf('Response'))).ok);
    assert.equal((await sp.validatePostResponseAsync(postedForm(done).fields)).profile?.nameID, 'alice@example.org');
  });

  it('xmlsec1 refuses the signature when the response is changed or another certificate is trusted', async () => {
    const browser = spBrowser();
    const xml = responseXml(await signIn(browser, await startSso(browser, await nodeSamlSp(gh.url, BOTH), 'redirect'), 'alice', PASSWORD));
    const certificate = gh.gatehouse.registry.keys.signing.certificatePem;
    assert.equal((await xmlsecVerify(xml.replace('alice@example.org', 'mallory@example.org'), certificate, signatureOf('Response'))).ok, false);
    assert.equal((await xmlsecVerify(xml, fixture('attacker-signing.pem'), signatureOf('Response'))).ok, false);
  });

  it('re-uses the SSO session for a second SP without the password, and conditional access runs again', async () => {
    const browser = spBrowser();
    await signIn(browser, await startSso(browser, signedSp, 'redirect'), 'alice', PASSWORD);
    const decided = gh.auditEvents.filter((e) => e.event === 'access.decided').length;
    const sp = await nodeSamlSp(gh.url, BOTH);
    const done = await startSso(browser, sp, 'post');
    assert.equal((await sp.validatePostResponseAsync(postedForm(done).fields)).profile?.nameID, 'alice@example.org');
    assert.equal(gh.auditEvents.filter((e) => e.event === 'access.decided').length, decided + 1);
  });

  it('asks for the password again when the request says ForceAuthn, despite the SSO session', async () => {
    const browser = spBrowser();
    await signIn(browser, await startSso(browser, signedSp, 'redirect'), 'alice', PASSWORD);
    const forced = await nodeSamlSp(gh.url, SIGNED, { forceAuthn: true });
    const page = await startSso(browser, forced, 'redirect');
    assert.match(page.body, /autocomplete="username"/);
    const before = Math.floor(Date.now() / 1000);
    const done = await signIn(browser, page, 'alice', PASSWORD);
    const instant = /AuthnInstant="([^"]+)"/.exec(responseXml(done))![1]!;
    assert.ok(Date.parse(instant) / 1000 >= before, 'the AuthnInstant is of this fresh sign-in');
    assert.equal((await forced.validatePostResponseAsync(postedForm(done).fields)).profile?.nameID, 'alice@example.org');
  });

  it('answers IsPassive without a session with NoPassive, and with one silently', async () => {
    const passive = await nodeSamlSp(gh.url, SIGNED, { passive: true });
    const fresh = spBrowser();
    const refused = await startSso(fresh, passive, 'redirect');
    assert.match(responseXml(refused), /status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2\.0:status:NoPassive"/);
    assert.equal((await passive.validatePostResponseAsync(postedForm(refused).fields)).profile, null);

    const browser = spBrowser();
    await signIn(browser, await startSso(browser, signedSp, 'redirect'), 'alice', PASSWORD);
    const done = await startSso(browser, passive, 'redirect');
    assert.equal((await passive.validatePostResponseAsync(postedForm(done).fields)).profile?.nameID, 'alice@example.org');
  });

  it('answers a failed sign-in with a Responder error Response, from the link back to the application on the failure page', async () => {
    const browser = spBrowser();
    let page = await browser.submit(await startSso(browser, signedSp, 'redirect', 'failing'), { username: 'alice' });
    for (let i = 0; i < 5; i++) page = await browser.submit(page, { password: 'wrong password!' }, 0);
    assert.equal(page.status, 403);
    const back = /<a class="button" href="([^"]+)">Return to SP signed<\/a>/.exec(page.body)?.[1];
    assert.ok(back, 'the failure page links back to the application');
    const answer = await browser.get(new URL(back.replace(/&amp;/g, '&'), gh.url).toString());
    assert.equal(postedForm(answer).action, spAcs('signed'));
    assert.equal(postedForm(answer).fields.RelayState, 'failing');
    assert.deepEqual(samlStatus(responseXml(answer)).codes, ['Responder', 'AuthnFailed']);
    await assert.rejects(signedSp.validatePostResponseAsync(postedForm(answer).fields), /Responder error/);
    assert.ok(gh.auditEvents.some((e) => e.event === 'saml.failed' && e.rp === 'signed' && e.reason === 'too_many_tries'));
  });

  it('serves the auto-POST page with a visible Continue button and the script as a file, under the strict CSP', async () => {
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, signedSp, 'redirect'), 'alice', PASSWORD);
    assert.match(done.body, /<button type="submit">Continue<\/button>/);
    assert.match(done.body, /<script src="\/static\/autopost\.js"><\/script>/);
    assert.doesNotMatch(done.body, /<script>/);
    assert.match(done.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(done.headers.get('cache-control'), 'no-store');
    const script = await fetch(`${gh.url}/static/autopost.js`);
    assert.equal(script.status, 200);
    assert.match(await script.text(), /form\[data-autopost\]/);
  });
});
