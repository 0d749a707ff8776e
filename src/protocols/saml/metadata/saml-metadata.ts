import type { KeySet } from '../../../keys/index.js';
import { NS, signXml, xmlEscape } from '../../../xml/index.js';
import { samlId } from '../saml-id.js';
import type { IdentityProvider } from '../types.js';
import { idpSsoDescriptorXml } from './idp-sso-descriptor.js';

/** /saml/metadata: the IdP's EntityDescriptor, signed by the signing key (signature first, as the schema wants). */
export function samlMetadataXml(idp: IdentityProvider, keys: KeySet): string {
  const xml = `<md:EntityDescriptor xmlns:md="${NS.md}" ID="${samlId()}" entityID="${xmlEscape(idp.entityId)}">${idpSsoDescriptorXml(idp, keys)}</md:EntityDescriptor>`;
  return signXml(xml, keys.signing, { placement: 'first' });
}
