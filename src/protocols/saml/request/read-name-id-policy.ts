import { attribute, NS, onlyChild } from '../../../xml/index.js';
import { nameIdFormatOf, NAME_ID_FORMATS } from '../name-id-formats.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { NameIdFormatName, ServiceProvider } from '../types.js';

const INVALID = { code: 'Requester', subcode: 'InvalidNameIDPolicy' } as const;

/**
 * The NameID format the request asks for, when it names one Gatehouse issues (unspecified leaves the SP's own
 * setting). An unknown format, or an SPNameQualifier other than the SP (no affiliations), is InvalidNameIDPolicy.
 * AllowCreate needs nothing: persistent identifiers are derived, never stored.
 */
export function readNameIdPolicy(request: Element, sp: ServiceProvider): NameIdFormatName | undefined {
  const policy = onlyChild(request, NS.samlp, 'NameIDPolicy');
  if (!policy) return undefined;
  const qualifier = attribute(policy, 'SPNameQualifier');
  if (qualifier !== undefined && qualifier !== sp.entityId) throw new SamlRefusal('invalid_name_id_policy', 'The requested SPNameQualifier is not this application.', INVALID);
  const format = attribute(policy, 'Format');
  if (format === undefined || format === NAME_ID_FORMATS.unspecified) return undefined;
  const name = nameIdFormatOf(format);
  if (!name) throw new SamlRefusal('invalid_name_id_policy', `The NameID format ${format} is not offered.`, INVALID);
  return name;
}
