import assert from 'node:assert/strict';
import { SignedXml } from 'xml-crypto';
import type { DirectoryUser } from '../../../../src/directory/types.js';
import type { KeySet } from '../../../../src/keys/index.js';
import { errorResponse, issueResponse, type AcceptedAuthnRequest, type ServiceProvider } from '../../../../src/protocols/saml/index.js';
import { attribute, childElements, NS, parseXml, textOf, verifyEnvelopedSignature } from '../../../../src/xml/index.js';
import { testKeys } from './saml-test-keys.js';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const IDP = { entityId: 'https://idp.example/saml/metadata', ssoUrl: 'https://idp.example/saml/sso', sloUrl: 'https://idp.example/saml/slo', metadataUrl: '', wantAuthnRequestsSigned: false };
const USER: DirectoryUser = { id: 'u-1', login: 'alice', name: 'Alice Andersson', email: 'alice@example.org', groups: ['staff', 'admins'], immutableId: 'imm-1', attributes: { department: 'R&D <lab>' } };

function sp(overrides: Partial<ServiceProvider> = {}): ServiceProvider {
  return {
    id: 'sp', name: 'SP', entityId: 'https://sp.example', acs: [{ url: 'https://sp.example/acs', binding: 'post', index: 0 }], slo: null,
    signingCertificate: null, encryptionCertificate: null, wantRequestsSigned: false,
    nameId: { format: 'emailAddress', attribute: 'mail' }, attributes: { groups: 'groups', dept: 'department' }, idpInitiated: false,
    sign: { assertion: true, response: false }, ...overrides,
  };
}

const request = (overrides: Partial<AcceptedAuthnRequest> = {}): AcceptedAuthnRequest => ({
  spId: 'sp', requestId: '_req-1', acsUrl: 'https://sp.example/acs', forceAuthn: false, isPassive: false, requestedClassRefs: [], requestedContext: null, ...overrides,
});

describe('building the SAML Response', () => {
  let keys: KeySet;
  let cleanup: () => Promise<void>;
  before(async () => ({ keys, cleanup } = await testKeys()));
  after(() => cleanup());

  async function build(amr: string[], options: { sp?: Partial<ServiceProvider>; request?: Partial<AcceptedAuthnRequest> } = {}) {
    const { xml } = await issueResponse({ idp: IDP, signingKey: keys.signing, persistentIdKey: Buffer.alloc(32, 7) }, sp(options.sp), request(options.request), { user: USER, amr, authTime: NOW / 1000 - 60, sessionIndex: '_session-1', sessionNotOnOrAfter: NOW + 8 * 3_600_000 }, NOW);
    const doc = parseXml(xml);
    const assertion = doc.getElementsByTagNameNS(NS.saml, 'Assertion')[0]!;
    const one = (name: string) => assertion.getElementsByTagNameNS(NS.saml, name)[0]!;
    const attributes = Object.fromEntries(Array.from(assertion.getElementsByTagNameNS(NS.saml, 'Attribute') as unknown as ArrayLike<Element>).map((a) => [attribute(a, 'Name'), childElements(a, NS.saml, 'AttributeValue').map((v) => textOf(v))]));
    return { xml, doc, assertion, one, attributes };
  }

  it('says PasswordProtectedTransport for a password sign-in', async () => {
    const { one, attributes } = await build(['pwd']);
    assert.equal(textOf(one('AuthnContextClassRef')), 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
    assert.deepEqual(attributes['http://schemas.microsoft.com/claims/authnmethodsreferences'], ['http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password']);
  });

  it('says multipleauthn once MFA ran, in the context and in authnmethodsreferences', async () => {
    const { one, attributes } = await build(['pwd', 'otp', 'mfa']);
    assert.equal(textOf(one('AuthnContextClassRef')), 'http://schemas.microsoft.com/claims/multipleauthn');
    assert.deepEqual(attributes['http://schemas.microsoft.com/claims/authnmethodsreferences'], ['http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password', 'http://schemas.microsoft.com/claims/multipleauthn']);
  });

  it('says the MFA class the SP asked for when it asked for REFEDS MFA', async () => {
    const { one } = await build(['pwd', 'otp', 'mfa'], { request: { requestedClassRefs: ['https://refeds.org/profile/mfa'] } });
    assert.equal(textOf(one('AuthnContextClassRef')), 'https://refeds.org/profile/mfa');
  });

  it('never claims MFA the sign-in did not do, whatever the SP asked for', async () => {
    const { one } = await build(['pwd'], { request: { requestedClassRefs: ['http://schemas.microsoft.com/claims/multipleauthn'] } });
    assert.equal(textOf(one('AuthnContextClassRef')), 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
  });

  it('binds the assertion to the SP, the ACS and the request, for five minutes', async () => {
    const { one, doc } = await build(['pwd']);
    assert.equal(textOf(one('Audience')), 'https://sp.example');
    const data = one('SubjectConfirmationData');
    assert.equal(attribute(data, 'Recipient'), 'https://sp.example/acs');
    assert.equal(attribute(data, 'InResponseTo'), '_req-1');
    assert.equal(Date.parse(attribute(data, 'NotOnOrAfter')!), NOW + 5 * 60_000);
    assert.equal(Date.parse(attribute(one('Conditions'), 'NotBefore')!), NOW);
    assert.equal(Date.parse(attribute(one('Conditions'), 'NotOnOrAfter')!), NOW + 5 * 60_000);
    assert.equal(attribute(one('AuthnStatement'), 'SessionIndex'), '_session-1');
    assert.equal(attribute(doc.documentElement, 'InResponseTo'), '_req-1');
    assert.equal(attribute(doc.documentElement, 'Destination'), 'https://sp.example/acs');
  });

  it('maps attributes, escaping what must be escaped, and leaves out those the user lacks', async () => {
    const { attributes } = await build(['pwd'], { sp: { attributes: { groups: 'groups', dept: 'department', phone: 'telephoneNumber' } } });
    assert.deepEqual(attributes.groups, ['staff', 'admins']);
    assert.deepEqual(attributes.dept, ['R&D <lab>']);
    assert.equal(attributes.phone, undefined);
  });

  it('signs the assertion by default and the response only when asked, each verifiable on its own', async () => {
    const assertionOnly = await build(['pwd']);
    assert.equal(childElements(assertionOnly.doc.documentElement, NS.ds, 'Signature').length, 0);
    const assertionXml = assertionOnly.assertion.toString();
    assert.equal(attribute(verifyEnvelopedSignature(parseXml(assertionXml), assertionXml, [keys.signing.certificatePem]), 'ID'), attribute(assertionOnly.assertion, 'ID'));

    const both = await build(['pwd'], { sp: { sign: { assertion: true, response: true } } });
    const verifier = new SignedXml({ publicCert: keys.signing.certificatePem, getCertFromKeyInfo: () => null });
    verifier.loadSignature(childElements(both.doc.documentElement, NS.ds, 'Signature')[0]!);
    assert.equal(verifier.checkSignature(both.xml), true);
    assert.match(verifier.getSignedReferences()[0]!, /<saml:Assertion [^>]*><saml:Issuer>[^<]*<\/saml:Issuer><ds:Signature/, 'the response signature covers the signed assertion');
  });

  it('gives persistent NameIDs that depend on the SP and the key, never on anything readable', async () => {
    const a = textOf((await build(['pwd'], { sp: { nameId: { format: 'persistent', attribute: 'mail' } } })).one('NameID'));
    const b = textOf((await build(['pwd'], { sp: { nameId: { format: 'persistent', attribute: 'mail' } } })).one('NameID'));
    const other = textOf((await build(['pwd'], { sp: { entityId: 'https://other.example', nameId: { format: 'persistent', attribute: 'mail' } } })).one('NameID'));
    assert.equal(a, b);
    assert.notEqual(a, other);
    assert.ok(!a!.includes('u-1') && !a!.includes('alice'));
  });

  it('builds a signed error Response with the status, the message and no assertion', async () => {
    const xml = errorResponse({ idp: IDP, signingKey: keys.signing }, { acsUrl: 'https://sp.example/acs', inResponseTo: '_req-2' }, { code: 'Requester', subcode: 'RequestDenied', message: 'No & no' }, NOW);
    const doc = parseXml(xml);
    verifyEnvelopedSignature(doc, xml, [keys.signing.certificatePem]);
    assert.match(xml, /<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2\.0:status:Requester"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2\.0:status:RequestDenied"\/><\/samlp:StatusCode><samlp:StatusMessage>No &amp; no<\/samlp:StatusMessage>/);
    assert.equal(doc.getElementsByTagNameNS(NS.saml, 'Assertion').length, 0);
  });
});
