import { NS, xmlEscape } from '../../../xml/index.js';
import { samlId } from '../saml-id.js';
import { samlInstant } from '../saml-time.js';
import type { SamlStatus } from '../types.js';

const STATUS = 'urn:oasis:names:tc:SAML:2.0:status:';

/** A samlp:Status element. */
export function statusXml(status: SamlStatus): string {
  const inner = status.subcode ? `<samlp:StatusCode Value="${STATUS}${status.subcode}"/>` : '';
  const message = status.message ? `<samlp:StatusMessage>${xmlEscape(status.message)}</samlp:StatusMessage>` : '';
  return `<samlp:Status><samlp:StatusCode Value="${STATUS}${status.code}">${inner}</samlp:StatusCode>${message}</samlp:Status>`;
}

/** A samlp:Response (unsigned) carrying a status and, on success, the assertion XML (plain or encrypted). */
export function buildResponse(input: { issuer: string; destination: string; inResponseTo?: string; now: number; status: SamlStatus; assertionXml?: string }): string {
  const inResponseTo = input.inResponseTo ? ` InResponseTo="${xmlEscape(input.inResponseTo)}"` : '';
  return (
    `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${samlId()}" Version="2.0" IssueInstant="${samlInstant(input.now)}"` +
    ` Destination="${xmlEscape(input.destination)}"${inResponseTo}>` +
    `<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>${statusXml(input.status)}${input.assertionXml ?? ''}</samlp:Response>`
  );
}
