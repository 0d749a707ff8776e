import { DOMParser } from '@xmldom/xmldom';
import { XmlRefusal } from './xml-refusal.js';

/** The largest XML message read from a relying party (after base64 decoding and inflating). */
export const MAX_XML_BYTES = 64 * 1024;

/**
 * Parses XML from outside. A DTD is refused before parsing (no DOCTYPE, no ENTITY: no entity expansion, no
 * external entities), as is anything over `maxBytes`; every parser warning or error makes the document malformed,
 * so nothing half-read is ever used.
 */
export function parseXml(text: string, maxBytes = MAX_XML_BYTES): Document {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new XmlRefusal('too_large', `The XML message is larger than ${maxBytes} bytes.`);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlRefusal('doctype', 'The XML message carries a DTD (DOCTYPE or ENTITY), which is not accepted.');
  const problems: string[] = [];
  const record = (message: string) => problems.push(message);
  const doc = new DOMParser({ errorHandler: { warning: record, error: record, fatalError: record } }).parseFromString(text, 'text/xml');
  const root = doc?.documentElement;
  if (problems.length > 0 || !root) throw new XmlRefusal('malformed', 'The XML message is not well-formed.');
  return doc;
}
