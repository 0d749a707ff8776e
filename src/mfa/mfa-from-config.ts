import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import type { Translate } from '../i18n/translator.js';
import { deriveKey } from '../secrets/secret-key.js';
import type { Store } from '../store/types.js';
import { createDeviceService, type DeviceService } from '../devices/create-device-service.js';
import type { DeviceServiceDeps } from '../devices/types.js';
import { createMfaRegistry } from './create-mfa-registry.js';
import { loadAdapterModules, type AdapterModule } from './load-adapter-modules.js';
import type { MfaRegistry } from './mfa-registry.js';

/**
 * Imports the adapter modules config names (`mfa.adapters`; built-ins take their options from `mfa.<name>`).
 * Runs before anything is opened, so a missing or broken module stops start-up with one ConfigError.
 */
export function loadMfaModules(config: Config): Promise<AdapterModule[]> {
  return loadAdapterModules(config, (name) => (name === 'totp' ? { ...config.mfa.totp } : name === 'push' ? { relyingParties: relyingPartyNames(config) } : {}));
}

/**
 * Creates the adapters with their deps; MFA secrets are sealed with a key derived from the cluster secret. The
 * built-in push adapter gets the device service (the server's, or one built here on the same Store for the CLI).
 */
export function createMfaFromConfig(
  config: Config,
  modules: AdapterModule[],
  deps: { store: Store; clock: Clock; logger: Logger; t: Translate; secret: Buffer; devices?: DeviceService },
): Promise<MfaRegistry> {
  const devices = deps.devices ?? deviceServiceFromConfig(config, { store: deps.store, clock: deps.clock });
  const wired = modules.map((module) => (module.builtIn && module.name === 'push' ? { ...module, options: { ...module.options, service: devices } } : module));
  return createMfaRegistry(wired, {
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

/** The mobile app web service from config `push`, `issuer`, `organization` and `locations`. */
export function deviceServiceFromConfig(config: Config, deps: Pick<DeviceServiceDeps, 'store' | 'clock' | 'audit' | 'logger' | 'notifiers'>): DeviceService {
  return createDeviceService({
    ...deps,
    settings: config.push,
    publicUrl: config.issuer,
    organizationName: config.organization.name,
    locations: config.locations,
  });
}

/** What the app shows as the relying party's name, by id. */
function relyingPartyNames(config: Config): Record<string, string> {
  return Object.fromEntries([['portal', 'My account'], ...config.relyingParties.map((rp) => [rp.id, rp.name ?? rp.id])]);
}
