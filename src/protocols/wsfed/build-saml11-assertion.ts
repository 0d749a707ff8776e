import { NS, xmlEscape } from '../../xml/index.js';
import { samlId, samlInstant } from '../saml/index.js';
import { splitClaimType } from './claim-mapping.js';

export interface Saml11AssertionInput {
  issuer: string;
  audience: string;
  nameIdentifier: { value: string; format: string };
  now: number;
  lifetimeMs: number;
  authenticationMethod: string;
  /** Milliseconds since the epoch. */
  authenticationInstant: number;
  /** Claim type URI -> values. */
  claims: ReadonlyArray<{ type: string; values: string[] }>;
}

/**
 * A SAML 1.1 assertion as AD FS issues for WS-Federation: bearer subject, audience = realm, the claims as
 * Attributes (AttributeNamespace + AttributeName from the claim type URI), an AuthenticationStatement. Unsigned;
 * the ID attribute is AssertionID and the signature goes last.
 */
export function buildSaml11Assertion(input: Saml11AssertionInput): { id: string; xml: string } {
  const id = samlId();
  const subject =
    `<saml:Subject><saml:NameIdentifier Format="${xmlEscape(input.nameIdentifier.format)}">${xmlEscape(input.nameIdentifier.value)}</saml:NameIdentifier>` +
    `<saml:SubjectConfirmation><saml:ConfirmationMethod>urn:oasis:names:tc:SAML:1.0:cm:bearer</saml:ConfirmationMethod></saml:SubjectConfirmation></saml:Subject>`;
  const attributes = input.claims
    .filter((claim) => claim.values.length > 0)
    .map((claim) => {
      const { namespace, name } = splitClaimType(claim.type);
      const values = claim.values.map((value) => `<saml:AttributeValue>${xmlEscape(value)}</saml:AttributeValue>`).join('');
      return `<saml:Attribute AttributeName="${xmlEscape(name)}" AttributeNamespace="${xmlEscape(namespace)}">${values}</saml:Attribute>`;
    })
    .join('');
  const xml =
    `<saml:Assertion xmlns:saml="${NS.saml1}" MajorVersion="1" MinorVersion="1" AssertionID="${id}" Issuer="${xmlEscape(input.issuer)}" IssueInstant="${samlInstant(input.now)}">` +
    `<saml:Conditions NotBefore="${samlInstant(input.now)}" NotOnOrAfter="${samlInstant(input.now + input.lifetimeMs)}"><saml:AudienceRestrictionCondition><saml:Audience>${xmlEscape(input.audience)}</saml:Audience></saml:AudienceRestrictionCondition></saml:Conditions>` +
    (attributes ? `<saml:AttributeStatement>${subject}${attributes}</saml:AttributeStatement>` : '') +
    `<saml:AuthenticationStatement AuthenticationMethod="${xmlEscape(input.authenticationMethod)}" AuthenticationInstant="${samlInstant(input.authenticationInstant)}">${subject}</saml:AuthenticationStatement>` +
    `</saml:Assertion>`;
  return { id, xml };
}
