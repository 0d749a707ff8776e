import { NS, xmlEscape } from '../../../xml/index.js';
import { samlId } from '../saml-id.js';
import { samlInstant } from '../saml-time.js';
import { attributeStatementXml, type SamlAttribute } from './attribute-statement.js';
import type { NameId } from './name-id.js';

/** How long an assertion (and its bearer confirmation) may be used after it is issued. */
export const ASSERTION_LIFETIME_MS = 5 * 60_000;

export interface AssertionInput {
  issuer: string;
  audience: string;
  nameId: NameId;
  /** Bearer confirmation: Recipient (the ACS) and InResponseTo when answering a request. */
  confirmation: { recipient?: string; inResponseTo?: string };
  /** Milliseconds since the epoch. */
  now: number;
  lifetimeMs?: number;
  authn: { instant: number; sessionIndex?: string; sessionNotOnOrAfter?: number; classRef: string };
  attributes: readonly SamlAttribute[];
}

/** A SAML 2.0 assertion (unsigned): Subject with bearer confirmation, Conditions, AuthnStatement, attributes. */
export function buildAssertion(input: AssertionInput): { id: string; xml: string } {
  const id = samlId();
  const issued = samlInstant(input.now);
  const expires = samlInstant(input.now + (input.lifetimeMs ?? ASSERTION_LIFETIME_MS));
  const { nameId, confirmation, authn } = input;
  const qualifiers = `${nameId.nameQualifier ? ` NameQualifier="${xmlEscape(nameId.nameQualifier)}"` : ''}${nameId.spNameQualifier ? ` SPNameQualifier="${xmlEscape(nameId.spNameQualifier)}"` : ''}`;
  const confirmationData = [
    confirmation.inResponseTo ? ` InResponseTo="${xmlEscape(confirmation.inResponseTo)}"` : '',
    ` NotOnOrAfter="${expires}"`,
    confirmation.recipient ? ` Recipient="${xmlEscape(confirmation.recipient)}"` : '',
  ].join('');
  const sessionEnd = authn.sessionNotOnOrAfter ? ` SessionNotOnOrAfter="${samlInstant(authn.sessionNotOnOrAfter)}"` : '';
  const xml =
    `<saml:Assertion xmlns:saml="${NS.saml}" ID="${id}" IssueInstant="${issued}" Version="2.0">` +
    `<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${xmlEscape(nameId.format)}"${qualifiers}>${xmlEscape(nameId.value)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${confirmationData}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${expires}"><saml:AudienceRestriction><saml:Audience>${xmlEscape(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${samlInstant(authn.instant)}"${authn.sessionIndex ? ` SessionIndex="${xmlEscape(authn.sessionIndex)}"` : ''}${sessionEnd}>` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>${xmlEscape(authn.classRef)}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    attributeStatementXml(input.attributes) +
    `</saml:Assertion>`;
  return { id, xml };
}
