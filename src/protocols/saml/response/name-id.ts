import { createHmac } from 'node:crypto';
import type { DirectoryUser } from '../../../directory/types.js';
import { NAME_ID_FORMATS } from '../name-id-formats.js';
import { samlId } from '../saml-id.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { NameIdFormatName, ServiceProvider } from '../types.js';
import { userAttribute } from '../user-attributes.js';

/** A NameID as it goes into an assertion. Qualifiers are set for persistent and transient identifiers. */
export interface NameId {
  value: string;
  format: string;
  nameQualifier?: string;
  spNameQualifier?: string;
}

/** Where an attribute-valued format reads from when the SP's own setting is for another format. */
const DEFAULT_ATTRIBUTE: Partial<Record<NameIdFormatName, string>> = { emailAddress: 'mail', upn: 'userPrincipalName' };

/**
 * The NameID for a user at an SP in a format: persistent is HMAC-SHA256(key, SP entity id, user id), opaque and
 * stable per SP; transient is random per assertion; the others are the SP's configured directory attribute (or the
 * format's natural one when the request asked for a format other than the SP's).
 */
export function nameIdFor(sp: ServiceProvider, format: NameIdFormatName, user: DirectoryUser, keys: { persistentIdKey: Buffer; idpEntityId: string }): NameId {
  const uri = NAME_ID_FORMATS[format];
  const qualified = { nameQualifier: keys.idpEntityId, spNameQualifier: sp.entityId };
  if (format === 'persistent') {
    const value = createHmac('sha256', keys.persistentIdKey).update(sp.entityId).update('\0').update(user.id).digest('base64url');
    return { value, format: uri, ...qualified };
  }
  if (format === 'transient') return { value: samlId(), format: uri, ...qualified };
  const attribute = format === sp.nameId.format ? sp.nameId.attribute : (DEFAULT_ATTRIBUTE[format] ?? sp.nameId.attribute);
  const value = userAttribute(user, attribute)[0];
  if (!value) {
    throw new SamlRefusal('no_name_id', `The user has no ${attribute} to use as the ${format} NameID.`, { code: 'Responder', subcode: 'InvalidNameIDPolicy' });
  }
  return { value, format: uri };
}
