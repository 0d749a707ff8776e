import { NS, xmlEscape } from '../../../xml/index.js';
import { statusXml } from '../response/build-response.js';
import { samlId } from '../saml-id.js';
import { samlInstant } from '../saml-time.js';
import type { SamlStatus, SessionParticipant } from '../types.js';

/** How long a LogoutRequest Gatehouse sends stays valid. */
const LOGOUT_LIFETIME_MS = 5 * 60_000;

/** A LogoutRequest to a session participant, naming the NameID and SessionIndex it was given. */
export function buildLogoutRequest(input: { issuer: string; destination: string; participant: SessionParticipant; spEntityId: string; now: number }): { id: string; xml: string } {
  const id = samlId();
  const { participant } = input;
  const qualified = participant.nameIdFormat.endsWith(':persistent') || participant.nameIdFormat.endsWith(':transient');
  const qualifiers = qualified ? ` NameQualifier="${xmlEscape(input.issuer)}" SPNameQualifier="${xmlEscape(input.spEntityId)}"` : '';
  const xml =
    `<samlp:LogoutRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${id}" Version="2.0" IssueInstant="${samlInstant(input.now)}"` +
    ` Destination="${xmlEscape(input.destination)}" NotOnOrAfter="${samlInstant(input.now + LOGOUT_LIFETIME_MS)}">` +
    `<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>` +
    `<saml:NameID Format="${xmlEscape(participant.nameIdFormat)}"${qualifiers}>${xmlEscape(participant.nameId)}</saml:NameID>` +
    `<samlp:SessionIndex>${xmlEscape(participant.sessionIndex)}</samlp:SessionIndex></samlp:LogoutRequest>`;
  return { id, xml };
}

/** A LogoutResponse to the SP that asked. */
export function buildLogoutResponse(input: { issuer: string; destination: string; inResponseTo?: string; status: SamlStatus; now: number }): string {
  const inResponseTo = input.inResponseTo ? ` InResponseTo="${xmlEscape(input.inResponseTo)}"` : '';
  return (
    `<samlp:LogoutResponse xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${samlId()}" Version="2.0" IssueInstant="${samlInstant(input.now)}"` +
    ` Destination="${xmlEscape(input.destination)}"${inResponseTo}><saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>${statusXml(input.status)}</samlp:LogoutResponse>`
  );
}
