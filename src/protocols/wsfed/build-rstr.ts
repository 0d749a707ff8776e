import { NS, xmlEscape } from '../../xml/index.js';
import { samlInstant } from '../saml/index.js';

export const TOKEN_TYPES = { saml11: 'urn:oasis:names:tc:SAML:1.0:assertion', saml20: 'urn:oasis:names:tc:SAML:2.0:assertion' } as const;

/** The wresult of a wsignin1.0 answer: a WS-Trust 2005 RequestSecurityTokenResponse carrying the signed token. */
export function buildRstr(input: { realm: string; token: 'saml11' | 'saml20'; tokenXml: string; now: number; lifetimeMs: number }): string {
  return (
    `<t:RequestSecurityTokenResponse xmlns:t="${NS.wst}">` +
    `<t:Lifetime><wsu:Created xmlns:wsu="${NS.wsu}">${samlInstant(input.now)}</wsu:Created><wsu:Expires xmlns:wsu="${NS.wsu}">${samlInstant(input.now + input.lifetimeMs)}</wsu:Expires></t:Lifetime>` +
    `<wsp:AppliesTo xmlns:wsp="${NS.wsp}"><wsa:EndpointReference xmlns:wsa="${NS.wsa}"><wsa:Address>${xmlEscape(input.realm)}</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>` +
    `<t:RequestedSecurityToken>${input.tokenXml}</t:RequestedSecurityToken>` +
    `<t:TokenType>${TOKEN_TYPES[input.token]}</t:TokenType>` +
    `<t:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</t:RequestType>` +
    `<t:KeyType>http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey</t:KeyType>` +
    `</t:RequestSecurityTokenResponse>`
  );
}

/** The wresult of a sign-in that failed: a SOAP 1.2 fault (WS-Federation allows one in wresult), wst:FailedAuthentication. */
export function buildFault(reason: string): string {
  return (
    `<s:Fault xmlns:s="${NS.soap12}" xmlns:wst="${NS.wst}"><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>wst:FailedAuthentication</s:Value></s:Subcode></s:Code>` +
    `<s:Reason><s:Text xml:lang="en">${xmlEscape(reason)}</s:Text></s:Reason></s:Fault>`
  );
}
