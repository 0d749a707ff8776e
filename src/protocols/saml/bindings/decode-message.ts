import { inflateRawSync } from 'node:zlib';
import { MAX_XML_BYTES, XmlRefusal } from '../../../xml/index.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** A base64 message larger than this is refused before decoding (room for 64 KB of XML, base64-encoded). */
export const MAX_ENCODED_LENGTH = Math.ceil((MAX_XML_BYTES * 4) / 3) + 4;

/** The bytes of a base64 SAML message; anything but strict base64 (whitespace aside) is malformed. */
export function decodeBase64(value: string): Buffer {
  const compact = value.replace(/[\r\n\t ]/g, '');
  if (compact.length > MAX_ENCODED_LENGTH) throw new XmlRefusal('too_large', 'The SAML message is too large.');
  if (!compact || !BASE64.test(compact)) throw new XmlRefusal('malformed', 'The SAML message is not base64.');
  return Buffer.from(compact, 'base64');
}

/** HTTP-Redirect messages are DEFLATEd: inflated with an output limit, so a deflate bomb stops at the limit. */
export function inflate(bytes: Buffer): Buffer {
  try {
    return inflateRawSync(bytes, { maxOutputLength: MAX_XML_BYTES });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new XmlRefusal('too_large', `The SAML message inflates to more than ${MAX_XML_BYTES} bytes.`);
    }
    throw new XmlRefusal('malformed', 'The SAML message is not DEFLATE-compressed.');
  }
}

/** The XML text of the bytes: strict UTF-8, so a message has exactly one reading. */
export function utf8(bytes: Buffer): string {
  if (bytes.length > MAX_XML_BYTES) throw new XmlRefusal('too_large', `The SAML message is larger than ${MAX_XML_BYTES} bytes.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new XmlRefusal('malformed', 'The SAML message is not UTF-8.');
  }
}
