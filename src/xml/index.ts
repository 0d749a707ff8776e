export { NS, ALGORITHMS } from './namespaces.js';
export { XmlRefusal, type XmlRefusalReason } from './xml-refusal.js';
export { parseXml, MAX_XML_BYTES } from './parse-xml.js';
export { xmlEscape } from './xml-escape.js';
export { childElements, onlyChild, textOf, attribute, allElements } from './dom.js';
export { signXml, type XmlSigningKey, type SignXmlOptions } from './sign-xml.js';
export { verifyEnvelopedSignature } from './verify-enveloped-signature.js';
