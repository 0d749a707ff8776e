import { childElements, NS, onlyChild, textOf } from '../../../xml/index.js';
import { SamlRefusal } from '../saml-refusal.js';

/** Who a LogoutRequest is about: its NameID and the SessionIndex values it names (none means every session). */
export function readLogoutSubject(request: Element): { nameId: string; sessionIndexes: string[] } {
  if (childElements(request, NS.saml, 'EncryptedID').length > 0) {
    throw new SamlRefusal('unsupported', 'Encrypted NameIDs in LogoutRequests are not supported.', { code: 'Requester', subcode: 'RequestUnsupported' });
  }
  const nameId = textOf(onlyChild(request, NS.saml, 'NameID'));
  if (!nameId) throw new SamlRefusal('malformed', 'The LogoutRequest names nobody (no NameID).');
  const sessionIndexes = childElements(request, NS.samlp, 'SessionIndex').map((element) => textOf(element) ?? '');
  return { nameId, sessionIndexes };
}

/** The top-level status of a LogoutResponse: Success or not. */
export function readLogoutStatus(response: Element): boolean {
  const status = childElements(response, NS.samlp, 'Status')[0];
  const code = status ? childElements(status, NS.samlp, 'StatusCode')[0] : undefined;
  return code?.getAttribute('Value') === 'urn:oasis:names:tc:SAML:2.0:status:Success';
}
