import type { KeySet } from '../../../keys/index.js';
import { NS, xmlEscape } from '../../../xml/index.js';
import { NAME_ID_FORMATS } from '../name-id-formats.js';
import type { IdentityProvider } from '../types.js';

const BINDINGS = ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST'];

/** The certificates relying parties should trust: the signing one, and the next one during a rollover. */
export function publishedCertificates(keys: KeySet): string[] {
  return [keys.signing, ...(keys.next ? [keys.next] : [])].map((key) => key.certificateDer);
}

/** A md:KeyDescriptor for a signing certificate (base64 DER). */
export function keyDescriptorXml(certificateDer: string): string {
  return `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="${NS.ds}"><ds:X509Data><ds:X509Certificate>${certificateDer}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
}

/**
 * md:IDPSSODescriptor (prefix md, declared by the enclosing EntityDescriptor): signing certificates, SLO and SSO
 * for HTTP-Redirect and HTTP-POST, and the NameID formats Gatehouse issues.
 */
export function idpSsoDescriptorXml(idp: IdentityProvider, keys: KeySet): string {
  const services = (element: string, location: string) => BINDINGS.map((binding) => `<md:${element} Binding="${binding}" Location="${xmlEscape(location)}"/>`).join('');
  return (
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="${idp.wantAuthnRequestsSigned}">` +
    publishedCertificates(keys).map(keyDescriptorXml).join('') +
    services('SingleLogoutService', idp.sloUrl) +
    Object.values(NAME_ID_FORMATS).map((format) => `<md:NameIDFormat>${format}</md:NameIDFormat>`).join('') +
    services('SingleSignOnService', idp.ssoUrl) +
    `</md:IDPSSODescriptor>`
  );
}
