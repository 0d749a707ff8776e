import { XmlRefusal } from '../../../xml/index.js';
import type { BoundMessage } from './bound-message.js';
import { decodeBase64, inflate, utf8 } from './decode-message.js';
import { MAX_RELAY_STATE } from './read-redirect-message.js';

/** Reads an HTTP-POST message from a parsed form: base64 XML, and RelayState. */
export function readPostMessage(body: unknown): BoundMessage {
  const form = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const field = (name: string) => {
    const value = form[name];
    if (value !== undefined && typeof value !== 'string') throw new XmlRefusal('malformed', `The form field ${name} is repeated.`);
    return value;
  };
  const request = field('SAMLRequest');
  const response = field('SAMLResponse');
  if ((request === undefined) === (response === undefined)) throw new XmlRefusal('malformed', 'The form carries no SAML message.');
  const relayState = field('RelayState');
  if (relayState !== undefined && relayState.length > MAX_RELAY_STATE) throw new XmlRefusal('malformed', 'The RelayState is too long.');
  const kind = request !== undefined ? 'SAMLRequest' : 'SAMLResponse';
  const bytes = decodeBase64((request ?? response)!);
  // The binding sends XML as is; some SP libraries (node-saml by default) DEFLATE it as for HTTP-Redirect.
  const xml = utf8(looksLikeXml(bytes) ? bytes : inflate(bytes));
  return { binding: 'post', kind, xml, ...(relayState !== undefined ? { relayState } : {}) };
}

/** XML starts with `<`, after an optional byte order mark and whitespace. */
function looksLikeXml(bytes: Buffer): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x3c) return true;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return false;
}
