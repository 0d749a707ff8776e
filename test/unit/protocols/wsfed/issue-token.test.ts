import assert from 'node:assert/strict';
import { SignedXml } from 'xml-crypto';
import type { DirectoryUser } from '../../../../src/directory/types.js';
import type { KeySet } from '../../../../src/keys/index.js';
import { issueToken, type WsfedRelyingParty } from '../../../../src/protocols/wsfed/index.js';
import { attribute, NS, parseXml } from '../../../../src/xml/index.js';
import { testKeys } from '../saml/saml-test-keys.js';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const USER: DirectoryUser = { id: 'u-1', login: 'alice', email: 'alice@example.org', groups: ['staff'], immutableId: 'AAECAwQFBgcICQoLDA0ODw==', attributes: { userPrincipalName: 'alice@corp.example' } };
const RP: WsfedRelyingParty = {
  id: 'm365', name: 'Microsoft 365', realm: 'urn:federation:MicrosoftOnline', reply: 'https://login.example/login.srf', token: 'saml11',
  claims: { 'http://schemas.xmlsoap.org/claims/UPN': 'userPrincipalName', 'http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID': 'objectGUID' },
};

describe('building the WS-Federation token', () => {
  let keys: KeySet;
  let cleanup: () => Promise<void>;
  before(async () => ({ keys, cleanup } = await testKeys()));
  after(() => cleanup());

  const issue = (amr: string[], rp: Partial<WsfedRelyingParty> = {}, wauth?: string) =>
    issueToken({ ...RP, ...rp }, { user: USER, amr, authTime: NOW / 1000, ...(wauth ? { wauth } : {}) }, { issuer: 'https://sts.example/saml/metadata', signingKey: keys.signing }, NOW);

  function saml11(rstr: string) {
    const doc = parseXml(rstr);
    const assertion = doc.getElementsByTagNameNS(NS.saml1, 'Assertion')[0]!;
    const attributes = Object.fromEntries(
      Array.from(assertion.getElementsByTagNameNS(NS.saml1, 'Attribute') as unknown as ArrayLike<Element>).map((a) => [
        `${attribute(a, 'AttributeNamespace')}/${attribute(a, 'AttributeName')}`,
        Array.from(a.getElementsByTagNameNS(NS.saml1, 'AttributeValue') as unknown as ArrayLike<Element>).map((v) => v.textContent),
      ]),
    );
    return { doc, assertion, attributes };
  }

  it('wraps a SAML 1.1 assertion for the realm in a WS-Trust RSTR, signed over its AssertionID', () => {
    const rstr = issue(['pwd']);
    const { doc, assertion } = saml11(rstr);
    assert.equal(doc.documentElement.localName, 'RequestSecurityTokenResponse');
    assert.equal(doc.documentElement.namespaceURI, NS.wst);
    assert.equal(attribute(assertion, 'MajorVersion'), '1');
    assert.equal(attribute(assertion, 'MinorVersion'), '1');
    assert.equal(attribute(assertion, 'Issuer'), 'https://sts.example/saml/metadata');
    assert.equal(assertion.getElementsByTagNameNS(NS.saml1, 'Audience')[0]!.textContent, 'urn:federation:MicrosoftOnline');
    assert.equal(doc.getElementsByTagNameNS(NS.wsa, 'Address')[0]!.textContent, 'urn:federation:MicrosoftOnline');
    const signature = assertion.getElementsByTagNameNS(NS.ds, 'Signature')[0]!;
    assert.equal(signature.parentNode, assertion);
    assert.equal(assertion.lastChild, signature, 'the signature is the assertion’s last child, as SAML 1.1 wants');
    const verifier = new SignedXml({ publicCert: keys.signing.certificatePem, idAttribute: 'AssertionID', getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature);
    assert.equal(verifier.checkSignature(assertion.toString()), true);
  });

  it('names the subject by ImmutableID and carries UPN and ImmutableID, as a hybrid tenant needs', () => {
    const { assertion, attributes } = saml11(issue(['pwd']));
    const nameIdentifiers = assertion.getElementsByTagNameNS(NS.saml1, 'NameIdentifier');
    assert.equal(nameIdentifiers[0]!.textContent, 'AAECAwQFBgcICQoLDA0ODw==');
    assert.equal(attribute(nameIdentifiers[0]!, 'Format'), 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
    assert.deepEqual(attributes['http://schemas.xmlsoap.org/claims/UPN'], ['alice@corp.example']);
    assert.deepEqual(attributes['http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID'], ['AAECAwQFBgcICQoLDA0ODw==']);
  });

  it('says password for a password sign-in, and multipleauthn in the claim and the method once MFA ran', () => {
    const password = saml11(issue(['pwd']));
    assert.equal(attribute(password.assertion.getElementsByTagNameNS(NS.saml1, 'AuthenticationStatement')[0]!, 'AuthenticationMethod'), 'urn:oasis:names:tc:SAML:1.0:am:password');
    assert.deepEqual(password.attributes['http://schemas.microsoft.com/claims/authnmethodsreferences'], ['http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password']);
    const mfa = saml11(issue(['pwd', 'otp', 'mfa'], {}, 'http://schemas.microsoft.com/claims/multipleauthn'));
    assert.equal(attribute(mfa.assertion.getElementsByTagNameNS(NS.saml1, 'AuthenticationStatement')[0]!, 'AuthenticationMethod'), 'http://schemas.microsoft.com/claims/multipleauthn');
    assert.deepEqual(mfa.attributes['http://schemas.microsoft.com/claims/authnmethodsreferences'], ['http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password', 'http://schemas.microsoft.com/claims/multipleauthn']);
  });

  it('issues a SAML 2.0 assertion for a realm set to saml20, valid for an hour', () => {
    const doc = parseXml(issue(['pwd'], { token: 'saml20' }));
    const assertion = doc.getElementsByTagNameNS(NS.saml, 'Assertion')[0]!;
    assert.ok(assertion);
    const conditions = assertion.getElementsByTagNameNS(NS.saml, 'Conditions')[0]!;
    assert.equal(Date.parse(attribute(conditions, 'NotOnOrAfter')!) - Date.parse(attribute(conditions, 'NotBefore')!), 3_600_000);
    assert.match(doc.documentElement.toString(), /<t:TokenType>urn:oasis:names:tc:SAML:2\.0:assertion<\/t:TokenType>/);
  });
});
