import { attribute } from '../../../xml/index.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { AcsEndpoint, ServiceProvider } from '../types.js';

const HTTP_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/**
 * The assertion consumer service to answer at: the URL the request names (compared exactly with the registered
 * ones), the index it names, or the SP's lowest index. Only a registered address is ever used.
 */
export function pickAcs(request: Element, sp: ServiceProvider): AcsEndpoint {
  const url = attribute(request, 'AssertionConsumerServiceURL');
  const index = attribute(request, 'AssertionConsumerServiceIndex');
  if (url !== undefined && index !== undefined) throw new SamlRefusal('unregistered_acs', 'The request names both an ACS URL and an ACS index.');
  if (url !== undefined) {
    const found = sp.acs.find((acs) => acs.url === url);
    if (!found) throw new SamlRefusal('unregistered_acs', `The address ${url} is not registered for ${sp.name}; the response is not sent there.`);
    return found;
  }
  if (index !== undefined) {
    const found = /^\d{1,5}$/.test(index) ? sp.acs.find((acs) => acs.index === Number(index)) : undefined;
    if (!found) throw new SamlRefusal('unregistered_acs', `No ACS with index ${index} is registered for ${sp.name}.`);
    return found;
  }
  return sp.acs[0]!;
}

/** Responses go by HTTP-POST only; a request asking for another binding gets UnsupportedBinding. */
export function checkProtocolBinding(request: Element): void {
  const binding = attribute(request, 'ProtocolBinding');
  if (binding !== undefined && binding !== HTTP_POST) {
    throw new SamlRefusal('unsupported_binding', 'Responses are sent with the HTTP-POST binding only.', { code: 'Requester', subcode: 'UnsupportedBinding' });
  }
}
