import { XmlRefusal } from '../../../xml/index.js';
import type { BoundMessage } from './bound-message.js';
import { decodeBase64, inflate, utf8 } from './decode-message.js';

const PARAMETERS = ['SAMLRequest', 'SAMLResponse', 'RelayState', 'SigAlg', 'Signature'] as const;
type Parameter = (typeof PARAMETERS)[number];
export const MAX_RELAY_STATE = 1024;

/**
 * Reads an HTTP-Redirect message from the raw query string. The raw (still URL-encoded) values are kept, because
 * the query signature is over them exactly as sent. A repeated parameter is refused.
 */
export function readRedirectMessage(rawQuery: string): BoundMessage {
  const raw = new Map<Parameter, string>();
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    if (!(PARAMETERS as readonly string[]).includes(name)) continue;
    if (raw.has(name as Parameter)) throw new XmlRefusal('malformed', `The parameter ${name} is repeated.`);
    raw.set(name as Parameter, eq < 0 ? '' : pair.slice(eq + 1));
  }
  const kind = raw.has('SAMLRequest') ? 'SAMLRequest' : raw.has('SAMLResponse') ? 'SAMLResponse' : undefined;
  if (!kind || (raw.has('SAMLRequest') && raw.has('SAMLResponse'))) throw new XmlRefusal('malformed', 'The request carries no SAML message.');
  const value = (name: Parameter) => (raw.has(name) ? safeDecode(raw.get(name)!) : undefined);
  const relayState = value('RelayState');
  if (relayState !== undefined && relayState.length > MAX_RELAY_STATE) throw new XmlRefusal('malformed', 'The RelayState is too long.');
  const xml = utf8(inflate(decodeBase64(value(kind)!)));

  const sigAlg = value('SigAlg');
  const signature = value('Signature');
  let querySignature: BoundMessage['querySignature'];
  if (sigAlg !== undefined || signature !== undefined) {
    if (!sigAlg || !signature) throw new XmlRefusal('signature', 'The query signature needs both SigAlg and Signature.');
    const signedOctets = [`${kind}=${raw.get(kind)}`, ...(raw.has('RelayState') ? [`RelayState=${raw.get('RelayState')}`] : []), `SigAlg=${raw.get('SigAlg')}`].join('&');
    querySignature = { sigAlg, signature: decodeBase64(signature), signedOctets };
  }
  return { binding: 'redirect', kind, xml, ...(relayState !== undefined ? { relayState } : {}), ...(querySignature ? { querySignature } : {}) };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new XmlRefusal('malformed', 'The query string is not well-formed.');
  }
}
