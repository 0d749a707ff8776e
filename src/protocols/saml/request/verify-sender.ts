import { NS, verifyEnvelopedSignature, XmlRefusal } from '../../../xml/index.js';
import type { BoundMessage } from '../bindings/bound-message.js';
import { verifyQuerySignature } from '../bindings/query-signature.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { ServiceProvider } from '../types.js';
import type { ProtocolMessage } from './read-protocol-message.js';

/**
 * Checks the SP's signature and returns the element to read from now on. HTTP-Redirect: the query signature,
 * which covers the whole message. HTTP-POST: the enveloped signature, and then ONLY the element it covers (re-read
 * from the canonical XML it signs), never the document around it. A signature is required when the SP is set to
 * sign; one that is present is always checked when the SP has a certificate.
 */
export function verifySender(message: BoundMessage, parsed: ProtocolMessage, sp: ServiceProvider): Element {
  const certificate = sp.signingCertificate;
  try {
    if (message.binding === 'redirect') {
      if (message.querySignature && certificate) {
        verifyQuerySignature(message.querySignature, certificate);
        return parsed.root;
      }
    } else if (parsed.doc.getElementsByTagNameNS(NS.ds, 'Signature').length > 0 && certificate) {
      return verifyEnvelopedSignature(parsed.doc, message.xml, [certificate]);
    }
  } catch (error) {
    if (error instanceof XmlRefusal) throw new SamlRefusal('bad_signature', error.message);
    throw error;
  }
  if (sp.wantRequestsSigned) throw new SamlRefusal('unsigned', `Requests from ${sp.name} must be signed.`);
  return parsed.root;
}
