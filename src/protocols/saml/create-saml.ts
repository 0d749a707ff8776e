import type { Context } from 'koa';
import type { Config } from '../../config/index.js';
import type { KeySet } from '../../keys/index.js';
import { deriveKey } from '../../secrets/secret-key.js';
import type { SigninDeps } from '../../signin/deps.js';
import type { ShowSignin } from '../../signin/routes/signin-router.js';
import type { Store } from '../../store/types.js';
import { identityProviderFrom } from './identity-provider.js';
import { loadServiceProviders } from './service-providers.js';
import type { SamlDeps } from './types.js';

/** Builds the SAML module's dependencies from the composition root's parts (SP certificates are read here). */
export function createSamlDeps(input: {
  config: Config;
  keys: KeySet;
  signin: SigninDeps;
  store: Store;
  secret: Buffer;
  clientIp: (ctx: Context) => string;
  showSignin: ShowSignin;
  cleanupUrls?: (rpIds: readonly string[]) => string[];
  endOidcSession?: SamlDeps['endOidcSession'];
}): SamlDeps {
  const { config } = input;
  return {
    idp: identityProviderFrom(config),
    serviceProviders: loadServiceProviders(config),
    keys: input.keys,
    signin: input.signin,
    store: input.store,
    persistentIdKey: deriveKey(input.secret, 'saml-persistent'),
    sessionIndexKey: deriveKey(input.secret, 'saml-session-index'),
    clientIp: input.clientIp,
    showSignin: input.showSignin,
    secure: config.issuer.startsWith('https:'),
    transactionLifetimeMs: config.session.transactionLifetime,
    cleanupUrls: input.cleanupUrls ?? (() => []),
    endOidcSession: input.endOidcSession ?? (async () => undefined),
  };
}
