import type { KeySet } from '../../keys/index.js';
import { NS, signXml, xmlEscape } from '../../xml/index.js';
import { CLAIM_TYPES, idpSsoDescriptorXml, keyDescriptorXml, publishedCertificates, samlId, type IdentityProvider } from '../saml/index.js';
import { TOKEN_TYPES } from './build-rstr.js';

const OFFERED: Array<[string, string]> = [
  [CLAIM_TYPES.upn, 'UPN'],
  [CLAIM_TYPES.msolUpn, 'UPN (Microsoft Online)'],
  [CLAIM_TYPES.immutableid, 'ImmutableID'],
  [CLAIM_TYPES.emailaddress, 'E-Mail Address'],
  [CLAIM_TYPES.name, 'Name'],
  [CLAIM_TYPES.givenname, 'Given Name'],
  [CLAIM_TYPES.surname, 'Surname'],
  [CLAIM_TYPES.groups, 'Group'],
  [CLAIM_TYPES.authnmethodsreferences, 'Authentication Methods References'],
];

/**
 * /FederationMetadata/2007-06/FederationMetadata.xml as AD FS publishes it: signed, with the WS-Federation
 * SecurityTokenServiceType RoleDescriptor (signing certificates, token types, claim types, the passive endpoint)
 * and the SAML IDPSSODescriptor, under the one entity id both protocols issue as.
 */
export function federationMetadataXml(idp: IdentityProvider, keys: KeySet, passiveEndpoint: string): string {
  const endpoint = (element: string) => `<fed:${element}><wsa:EndpointReference xmlns:wsa="${NS.wsa}"><wsa:Address>${xmlEscape(passiveEndpoint)}</wsa:Address></wsa:EndpointReference></fed:${element}>`;
  const claims = OFFERED.map(([uri, name]) => `<auth:ClaimType xmlns:auth="${NS.auth}" Uri="${uri}" Optional="true"><auth:DisplayName>${name}</auth:DisplayName></auth:ClaimType>`).join('');
  const roleDescriptor =
    `<md:RoleDescriptor xmlns:xsi="${NS.xsi}" xmlns:fed="${NS.fed}" xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="${NS.fed}">` +
    publishedCertificates(keys).map(keyDescriptorXml).join('') +
    `<fed:TokenTypesOffered>${Object.values(TOKEN_TYPES).map((uri) => `<fed:TokenType Uri="${uri}"/>`).join('')}</fed:TokenTypesOffered>` +
    `<fed:ClaimTypesOffered>${claims}</fed:ClaimTypesOffered>` +
    endpoint('SecurityTokenServiceEndpoint') +
    endpoint('PassiveRequestorEndpoint') +
    `</md:RoleDescriptor>`;
  const xml = `<md:EntityDescriptor xmlns:md="${NS.md}" ID="${samlId()}" entityID="${xmlEscape(idp.entityId)}">${roleDescriptor}${idpSsoDescriptorXml(idp, keys)}</md:EntityDescriptor>`;
  return signXml(xml, keys.signing, { placement: 'first' });
}
