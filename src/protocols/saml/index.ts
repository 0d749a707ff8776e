export { samlRouter } from './saml-router.js';
export { createSamlDeps } from './create-saml.js';
export { samlCompletion } from './routes/complete-route.js';
export { identityProviderFrom } from './identity-provider.js';
export { loadServiceProviders } from './service-providers.js';
export { idpSsoDescriptorXml, keyDescriptorXml, publishedCertificates } from './metadata/idp-sso-descriptor.js';
export { cachedDocument } from './metadata/cached-document.js';
export { buildAssertion, ASSERTION_LIFETIME_MS, type AssertionInput } from './response/build-assertion.js';
export { attributesFor, type SamlAttribute } from './response/attribute-statement.js';
export { issueResponse, errorResponse } from './response/issue-response.js';
export { nameIdFor, type NameId } from './response/name-id.js';
export { NAME_ID_FORMATS, nameIdFormatOf } from './name-id-formats.js';
export { CLAIM_TYPES, AUTHN_METHODS, authnMethodsReferences } from './claim-types.js';
export { userAttribute } from './user-attributes.js';
export { samlId } from './saml-id.js';
export { samlInstant } from './saml-time.js';
export { renderPostForm } from './bindings/render-post-form.js';
export { currentSession, endSsoSession } from './logout/end-sso-session.js';
export { continueLogout, renderSignedOut, type LogoutChain, type LogoutFinish } from './logout/logout-chain.js';
export { sessionIndexFor } from './logout/session-participants.js';
export { SamlRefusal } from './saml-refusal.js';
export type {
  AcceptedAuthnRequest,
  AcsEndpoint,
  AssertionSubject,
  IdentityProvider,
  NameIdFormatName,
  SamlDeps,
  SamlRelyingPartyConfig,
  SamlStatus,
  ServiceProvider,
  ServiceProviders,
  SessionParticipant,
} from './types.js';
