import { CLAIM_TYPES } from '../saml/index.js';

/**
 * Short names a WS-Federation `claims` mapping may use for AD FS claim types. `upn` is the UPN claim Microsoft
 * Online reads from WS-Federation tokens (http://schemas.xmlsoap.org/claims/UPN); write the full URI for another.
 */
const SHORT_NAMES: Record<string, string> = {
  upn: CLAIM_TYPES.msolUpn,
  immutableid: CLAIM_TYPES.immutableid,
  emailaddress: CLAIM_TYPES.emailaddress,
  email: CLAIM_TYPES.emailaddress,
  name: CLAIM_TYPES.name,
  givenname: CLAIM_TYPES.givenname,
  surname: CLAIM_TYPES.surname,
  groups: CLAIM_TYPES.groups,
  group: CLAIM_TYPES.groups,
  role: CLAIM_TYPES.role,
  nameidentifier: CLAIM_TYPES.nameidentifier,
};

/** What every realm gets unless its mapping says otherwise: what a hybrid tenant needs. */
export const DEFAULT_CLAIMS: Readonly<Record<string, string>> = { [CLAIM_TYPES.msolUpn]: 'userPrincipalName', [CLAIM_TYPES.immutableid]: 'objectGUID' };

/** The claim type URI of a mapping key: a short name above, or a URI as written; undefined when neither. */
export function claimTypeOf(key: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(key)) return key;
  return SHORT_NAMES[key.toLowerCase()];
}

/** A claim type URI split as SAML 1.1 wants it: AttributeNamespace (up to the last slash) and AttributeName. */
export function splitClaimType(uri: string): { namespace: string; name: string } {
  const slash = uri.lastIndexOf('/');
  return slash > 0 && slash < uri.length - 1 ? { namespace: uri.slice(0, slash), name: uri.slice(slash + 1) } : { namespace: uri, name: uri };
}
