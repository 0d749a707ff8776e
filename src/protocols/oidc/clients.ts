import type { ClientMetadata } from 'oidc-provider';
import type { OidcRelyingPartyConfig } from '../../config/index.js';

/** oidc-provider client metadata for a configured relying party. Without a secret it is a public client (PKCE only). */
export function toClientMetadata(rp: OidcRelyingPartyConfig): ClientMetadata {
  return {
    client_id: rp.clientId ?? rp.id,
    ...(rp.clientSecret ? { client_secret: rp.clientSecret } : { token_endpoint_auth_method: 'none' }),
    client_name: rp.name ?? rp.id,
    redirect_uris: rp.redirectUris,
    post_logout_redirect_uris: rp.postLogoutRedirectUris,
    // issueRefreshToken (create-provider.ts) gives one exactly to the clients allowed this grant.
    grant_types: rp.refreshTokens ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    response_types: ['code'],
    scope: rp.scopes.join(' '),
    // The logout token names the session (sid, also in the ID token) so the app ends just that one.
    ...(rp.backchannelLogoutUri ? { backchannel_logout_uri: rp.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
  };
}
