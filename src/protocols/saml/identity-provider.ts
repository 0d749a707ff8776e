import type { Config } from '../../config/index.js';
import type { IdentityProvider } from './types.js';

/** Gatehouse's SAML identity: entity id (saml.entityId, else <issuer>/saml/metadata) and its endpoints. */
export function identityProviderFrom(config: Config): IdentityProvider {
  return {
    entityId: config.saml.entityId ?? `${config.issuer}/saml/metadata`,
    ssoUrl: `${config.issuer}/saml/sso`,
    sloUrl: `${config.issuer}/saml/slo`,
    metadataUrl: `${config.issuer}/saml/metadata`,
    wantAuthnRequestsSigned: config.saml.wantAuthnRequestsSigned,
  };
}
