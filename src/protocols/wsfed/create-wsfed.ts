import type { Config } from '../../config/index.js';
import type { SamlDeps } from '../saml/index.js';
import { cleanupUrlsFor, loadWsfedRelyingParties } from './relying-parties.js';
import type { WsfedDeps } from './types.js';

/** The WS-Federation module's dependencies; it shares the SAML module's IdP identity, keys and logout chain. */
export function createWsfedDeps(config: Config, saml: SamlDeps): WsfedDeps {
  return {
    saml,
    relyingParties: loadWsfedRelyingParties(config),
    issuer: config.issuer,
    keys: saml.keys,
    signin: saml.signin,
    store: saml.store,
    clientIp: saml.clientIp,
    secure: saml.secure,
    transactionLifetimeMs: saml.transactionLifetimeMs,
  };
}

/** The front-channel cleanup URLs (wsignoutcleanup1.0) of the realms among these relying-party ids. */
export function wsfedCleanupUrls(config: Config): (rpIds: readonly string[]) => string[] {
  const parties = loadWsfedRelyingParties(config);
  return (rpIds) => cleanupUrlsFor(parties, rpIds);
}
