import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import type { Translate } from '../i18n/translator.js';
import { deriveKey } from '../secrets/secret-key.js';
import type { Store } from '../store/types.js';
import { createMfaRegistry } from './create-mfa-registry.js';
import { loadAdapterModules, type AdapterModule } from './load-adapter-modules.js';
import type { MfaRegistry } from './mfa-registry.js';

/**
 * Imports the adapter modules config names (`mfa.adapters`; built-ins take their options from `mfa.<name>`).
 * Runs before anything is opened, so a missing or broken module stops start-up with one ConfigError.
 */
export function loadMfaModules(config: Config): Promise<AdapterModule[]> {
  return loadAdapterModules(config, (name) => (name === 'totp' ? { ...config.mfa.totp } : {}));
}

/** Creates the adapters with their deps; MFA secrets are sealed with a key derived from the cluster secret. */
export function createMfaFromConfig(
  config: Config,
  modules: AdapterModule[],
  deps: { store: Store; clock: Clock; logger: Logger; t: Translate; secret: Buffer },
): Promise<MfaRegistry> {
  return createMfaRegistry(modules, {
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
    t: deps.t,
    publicUrl: config.issuer,
    organizationName: config.organization.name,
    sealingKey: deriveKey(deps.secret, 'mfa-secrets'),
    smtp: config.smtp,
  });
}
