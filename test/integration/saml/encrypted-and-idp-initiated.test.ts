import assert from 'node:assert/strict';
import { ValidateInResponseTo } from '@node-saml/node-saml';
import { fixture, nodeSamlSp, postedForm, responseXml, samlRelyingParty, signIn, spAcs, spBrowser, startSso, type TestSpOptions } from '../../helpers/saml-sp.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { signatureOf, xmlsecDecrypt, xmlsecVerify } from '../../helpers/xmlsec.js';

const PASSWORD = 'correct horse battery';
const ENCRYPTED: TestSpOptions = { id: 'encrypted', signingKey: 'sp-signing', encryptionKey: 'sp-encryption', attributes: { email: 'mail' } };
const UNSOLICITED: TestSpOptions = { id: 'portal', idpInitiated: true };

describe('encrypted assertions and IdP-initiated SSO', () => {
  let gh: RunningGatehouse;

  before(async () => {
    gh = await startGatehouse({ relyingParties: [samlRelyingParty(ENCRYPTED), samlRelyingParty(UNSOLICITED)] });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson', email: 'alice@example.org' });
  });
  after(() => gh.stop());

  it('encrypts the signed assertion to the SP, which decrypts it with its key and finds it valid', async () => {
    const sp = await nodeSamlSp(gh.url, ENCRYPTED);
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, sp, 'post'), 'alice', PASSWORD);
    const xml = responseXml(done);
    assert.match(xml, /<saml:EncryptedAssertion[^>]*>\s*<xenc:EncryptedData/);
    assert.match(xml, /Algorithm="http:\/\/www\.w3\.org\/2009\/xmlenc11#aes256-gcm"/);
    assert.doesNotMatch(xml, /alice@example\.org|<saml:Assertion/, 'nothing about the user is readable on the way');
    const { profile } = await sp.validatePostResponseAsync(postedForm(done).fields);
    assert.equal(profile?.nameID, 'alice@example.org');
    assert.equal(profile?.email, 'alice@example.org');
    const decrypted = await xmlsecDecrypt(xml, fixture('sp-encryption.key'));
    assert.ok(decrypted.ok, `xmlsec1 decrypts the assertion: ${decrypted.output}`);
    assert.match(decrypted.output, /<saml:Assertion /);
    const verified = await xmlsecVerify(decrypted.output, gh.gatehouse.registry.keys.signing.certificatePem, signatureOf('Assertion'));
    assert.ok(verified.ok, `xmlsec1 verifies the decrypted assertion's signature: ${verified.output}`);
  });

  it('sends an unsolicited Response (no InResponseTo) to the default ACS of an SP that allows IdP-initiated SSO', async () => {
    const browser = spBrowser();
    const page = await browser.get(`${gh.url}/saml/sso?loginToRp=${encodeURIComponent('http://127.0.0.1:9/portal')}&RelayState=%2Fhome`);
    const done = await signIn(browser, page, 'alice', PASSWORD);
    const form = postedForm(done);
    assert.equal(form.action, spAcs('portal'));
    assert.equal(form.fields.RelayState, '/home');
    assert.doesNotMatch(responseXml(done), /InResponseTo/);
    const sp = await nodeSamlSp(gh.url, UNSOLICITED, { validateInResponseTo: ValidateInResponseTo.never });
    assert.equal((await sp.validatePostResponseAsync(form.fields)).profile?.nameID, 'alice@example.org');
    const strict = await nodeSamlSp(gh.url, UNSOLICITED);
    await assert.rejects(strict.validatePostResponseAsync(form.fields), 'an SP that wants InResponseTo refuses it, as it should');
  });

  it('starts IdP-initiated SSO by relying-party id too, and re-uses the session', async () => {
    const browser = spBrowser();
    await signIn(browser, await browser.get(`${gh.url}/saml/sso?sp=portal`), 'alice', PASSWORD);
    const again = await browser.get(`${gh.url}/saml/sso?sp=portal`);
    assert.equal(postedForm(again).action, spAcs('portal'));
  });
});
