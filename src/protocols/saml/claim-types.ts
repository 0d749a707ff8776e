/** AD FS claim type URIs, as relying parties configured for AD FS expect them. */
export const CLAIM_TYPES = {
  upn: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
  emailaddress: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  givenname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  surname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  nameidentifier: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
  groups: 'http://schemas.xmlsoap.org/claims/Group',
  role: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
  authnmethodsreferences: 'http://schemas.microsoft.com/claims/authnmethodsreferences',
  /** The UPN claim hybrid (Microsoft Online) tenants read from WS-Federation tokens. */
  msolUpn: 'http://schemas.xmlsoap.org/claims/UPN',
  immutableid: 'http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID',
} as const;

/** authnmethodsreferences values: AD FS's password method, and multipleauthn once MFA ran. */
export const AUTHN_METHODS = {
  password: 'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password',
  multipleauthn: 'http://schemas.microsoft.com/claims/multipleauthn',
} as const;

/** The authnmethodsreferences values that tell the truth about a sign-in's amr. */
export function authnMethodsReferences(amr: readonly string[]): string[] {
  const values: string[] = [];
  if (amr.includes('pwd')) values.push(AUTHN_METHODS.password);
  if (amr.includes('mfa')) values.push(AUTHN_METHODS.multipleauthn);
  return values;
}
