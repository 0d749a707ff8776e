import { Provider, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import type { Directory } from '../../directory/types.js';
import type { Store } from '../../store/types.js';
import { SUPPORTED_ACR_VALUES } from './acr.js';
import { findAccountIn } from './account.js';
import { loadOrCreateGrant } from './auto-grant.js';
import { toClientMetadata } from './clients.js';
import { gatehouseInteractionPolicy } from './interaction-policy.js';
import { renderLogout, renderLoggedOut, renderProviderError } from './pages.js';
import { registeredFetch } from './registered-fetch.js';
import type { SilentSignin } from './silent-signin.js';
import { storeAdapterFactory } from './store-adapter.js';

export interface ProviderDeps {
  config: Config;
  store: Store;
  directory: Directory;
  /** Private JWKS for signing tokens, active key first. */
  signingJwks: { keys: Record<string, unknown>[] };
  cookieKeys: string[];
  logger: Logger;
  /** Answers prompt=none without a page when conditional access allows it (silent-signin.ts). */
  silentSignin: SilentSignin;
}

/** oidc-provider, configured from Gatehouse's config; mounted at /oidc by the server. */
export function createProvider(deps: ProviderDeps): Provider {
  const { config } = deps;
  const secure = config.issuer.startsWith('https:');
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure, signed: true };
  const configuration: Configuration = {
    adapter: storeAdapterFactory(deps.store),
    clients: config.relyingParties.flatMap((rp) => (rp.type === 'oidc' ? [toClientMetadata(rp)] : [])),
    jwks: deps.signingJwks as Configuration['jwks'],
    cookies: { keys: deps.cookieKeys, long: cookie, short: cookie },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'groups'],
    claims: { acr: null, amr: null, auth_time: null, sid: null, openid: ['sub', 'acr', 'amr', 'auth_time'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'], groups: ['groups'] },
    acrValues: SUPPORTED_ACR_VALUES,
    findAccount: findAccountIn(deps.directory),
    interactions: { url: (_ctx, interaction) => `/signin/oidc/${interaction.uid}`, policy: gatehouseInteractionPolicy(deps.silentSignin) },
    loadExistingGrant: loadOrCreateGrant,
    pkce: { required: () => true },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: renderLogout, postLogoutSuccessSource: renderLoggedOut },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: Math.ceil(config.session.transactionLifetime / 1000),
      Session: Math.ceil(config.session.lifetime / 1000),
      Grant: 14 * 86400,
      RefreshToken: 14 * 86400,
    },
    renderError: renderProviderError,
    fetch: registeredFetch(config),
  };
  const provider = new Provider(`${config.issuer}/oidc`, configuration);
  provider.on('server_error', (ctx: KoaContextWithOIDC, error: Error) => deps.logger.error({ err: error, path: ctx.path }, 'oidc server error'));
  return provider;
}
