import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import { ConfigError, type ConfigProblem } from '../config/config-error.js';
import { createSecretBox, scopedSecretBox } from '../crypto/secret-box.js';
import type { Translate } from '../i18n/translator.js';
import type { Store } from '../store/types.js';
import { adapterStore } from './adapter-store.js';
import { checkAdapter } from './check-adapter.js';
import type { AdapterModule } from './load-adapter-modules.js';
import { MfaRegistry } from './mfa-registry.js';
import { createMailer, type SmtpConfig } from './mailer.js';
import { PreferenceStore } from './preferences.js';
import { createViewRenderer } from './render-view.js';
import type { AdapterStore, MfaAdapter, MfaAdapterDeps } from './types.js';

export interface MfaRegistryDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  t: Translate;
  /** config `issuer`. */
  publicUrl: string;
  organizationName: string;
  /** 32 bytes for sealing MFA secrets: deriveKey(secret, 'mfa-secrets'). */
  sealingKey: Buffer;
  smtp: SmtpConfig;
}

/**
 * Calls each module's create(options, deps) with deps scoped to that adapter, checks that what comes back fits
 * the MfaAdapter interface, and builds the registry. Every misfit is reported at once, each with its config key.
 */
export async function createMfaRegistry(modules: AdapterModule[], deps: MfaRegistryDeps): Promise<MfaRegistry> {
  const mailer = createMailer(deps.smtp);
  const box = createSecretBox(deps.sealingKey);
  const problems: ConfigProblem[] = [];
  const adapters: MfaAdapter[] = [];
  const seen = new Map<string, string>();
  for (const module of modules) {
    const scope = { id: undefined as string | undefined };
    const adapterDeps: MfaAdapterDeps = {
      store: lateBoundStore(deps.store, scope),
      clock: deps.clock,
      logger: deps.logger.child({ mfaAdapter: module.name }),
      mailer,
      t: deps.t,
      publicUrl: deps.publicUrl,
      organizationName: deps.organizationName,
      secrets: {
        seal: (plaintext, context) => scopedSecretBox(box, scope.id ?? '?').seal(plaintext, context),
        open: (sealed, context) => scopedSecretBox(box, scope.id ?? '?').open(sealed, context),
      },
    };
    let adapter: unknown;
    try {
      adapter = await module.create(module.options, adapterDeps);
    } catch (error) {
      problems.push({ path: module.path, message: `${describe(module)}: create() failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` });
      continue;
    }
    const misfits = checkAdapter(adapter);
    if (misfits.length > 0) {
      problems.push({ path: module.path, message: `${describe(module)} does not fit the MfaAdapter interface: ${misfits.join('; ')}` });
      continue;
    }
    const fitted = adapter as MfaAdapter;
    const clash = seen.get(fitted.id);
    if (clash) {
      problems.push({ path: module.path, message: `${describe(module)} has the id "${fitted.id}", already used by ${clash}` });
      continue;
    }
    seen.set(fitted.id, module.path);
    scope.id = fitted.id;
    adapters.push(fitted);
  }
  if (problems.length > 0) {
    mailer.close();
    throw new ConfigError('config', problems);
  }
  return new MfaRegistry(adapters, new PreferenceStore(deps.store), createViewRenderer(), deps.logger, async () => mailer.close());
}

function describe(module: AdapterModule): string {
  return module.builtIn ? `built-in adapter "${module.name}"` : `module "${module.name}"`;
}

/**
 * The adapter's namespaced store. The namespace is the adapter's id, known only once create() returned, so the
 * store refuses to be used inside create().
 */
function lateBoundStore(store: Store, scope: { id: string | undefined }): AdapterStore {
  const bound = () => {
    if (!scope.id) throw new Error('the adapter store can be used once create() has returned');
    return adapterStore(store, scope.id);
  };
  return {
    get: (k) => bound().get(k),
    set: (k, v, ttl) => bound().set(k, v, ttl),
    setIfAbsent: (k, v, ttl) => bound().setIfAbsent(k, v, ttl),
    take: (k) => bound().take(k),
    delete: (k) => bound().delete(k),
    increment: (k, ttl, by) => bound().increment(k, ttl, by),
    putRecord: (kind, id, v) => bound().putRecord(kind, id, v),
    getRecord: (kind, id) => bound().getRecord(kind, id),
    deleteRecord: (kind, id) => bound().deleteRecord(kind, id),
  };
}
