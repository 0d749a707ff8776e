import { attribute, NS, onlyChild, textOf } from '../../../xml/index.js';
import { NAME_ID_FORMATS } from '../name-id-formats.js';

const HINT_FORMATS = new Set<string | undefined>([undefined, NAME_ID_FORMATS.unspecified, NAME_ID_FORMATS.emailAddress, NAME_ID_FORMATS.upn]);

/** A Subject NameID in the request is the username hint, when it is something a person types (not an opaque id). */
export function readSubjectHint(request: Element): string | undefined {
  const subject = onlyChild(request, NS.saml, 'Subject');
  const nameId = subject && onlyChild(subject, NS.saml, 'NameID');
  if (!nameId || !HINT_FORMATS.has(attribute(nameId, 'Format'))) return undefined;
  const value = textOf(nameId);
  return value && value.length <= 256 ? value : undefined;
}
