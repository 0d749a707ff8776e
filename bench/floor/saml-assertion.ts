import type { DirectoryUser } from '../../src/directory/types.js';
import { attributesFor, buildAssertion, CLAIM_TYPES } from '../../src/protocols/saml/index.js';

/**
 * An unsigned SAML 2.0 assertion as Gatehouse builds it for an SP with an email NameID and a handful of mapped
 * attributes (AD FS style claim types, two groups): the document the XML signature floor canonicalizes and signs.
 */
export function samlAssertionXml(now = Date.now()): string {
  const user: DirectoryUser = {
    id: 'b1f4c0de-5a1e-4c3b-9d2a-7e6f8a9b0c1d',
    login: 'alice',
    name: 'Alice Liddell',
    email: 'alice.liddell@bench.example.com',
    groups: ['staff', 'engineering'],
    attributes: { givenName: 'Alice', sn: 'Liddell', userPrincipalName: 'alice@bench.example.com' },
  };
  const mapping = {
    [CLAIM_TYPES.emailaddress]: 'mail',
    [CLAIM_TYPES.upn]: 'userPrincipalName',
    [CLAIM_TYPES.givenname]: 'givenName',
    [CLAIM_TYPES.surname]: 'sn',
    [CLAIM_TYPES.groups]: 'groups',
  };
  return buildAssertion({
    issuer: 'https://idp.bench.example.com/saml/metadata',
    audience: 'https://sp.bench.example.com/saml/metadata',
    nameId: { value: user.email!, format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' },
    confirmation: { recipient: 'https://sp.bench.example.com/saml/acs', inResponseTo: '_a8f1e2d3c4b5a6978877665544332211' },
    now,
    authn: {
      instant: now - 2000,
      sessionIndex: '_s0123456789abcdef0123456789abcdef',
      sessionNotOnOrAfter: now + 8 * 3_600_000,
      classRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
    },
    attributes: attributesFor(mapping, user, ['pwd', 'otp', 'mfa']),
  }).xml;
}
