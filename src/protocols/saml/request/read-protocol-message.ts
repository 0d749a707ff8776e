import { attribute, NS, parseXml } from '../../../xml/index.js';
import type { BoundMessage } from '../bindings/bound-message.js';
import { SamlRefusal } from '../saml-refusal.js';

/** A parsed SAML protocol message: the document and its root, one of the expected samlp elements. */
export interface ProtocolMessage {
  doc: Document;
  root: Element;
}

/** Parses the message's XML safely and checks it is the samlp element expected here, in version 2.0. */
export function readProtocolMessage(message: BoundMessage, expected: readonly string[]): ProtocolMessage {
  const doc = parseXml(message.xml);
  const root = doc.documentElement;
  if (root.namespaceURI !== NS.samlp || !expected.includes(root.localName ?? '')) {
    throw new SamlRefusal('unexpected_message', `Expected a SAML ${expected.join(' or ')} here.`);
  }
  if (attribute(root, 'Version') !== '2.0') throw new SamlRefusal('version', 'Only SAML 2.0 messages are accepted.', { code: 'VersionMismatch' });
  return { doc, root };
}
