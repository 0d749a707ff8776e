import type { NameIdFormatName } from './types.js';

/** The NameID formats Gatehouse issues, by config name. UPN is AD FS's format URI for a userPrincipalName. */
export const NAME_ID_FORMATS: Readonly<Record<NameIdFormatName, string>> = {
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  upn: 'http://schemas.xmlsoap.org/claims/UPN',
};

const BY_URI = new Map(Object.entries(NAME_ID_FORMATS).map(([name, uri]) => [uri, name as NameIdFormatName]));

/** The config name of a format URI; undefined when Gatehouse does not issue it. */
export function nameIdFormatOf(uri: string): NameIdFormatName | undefined {
  return BY_URI.get(uri);
}
