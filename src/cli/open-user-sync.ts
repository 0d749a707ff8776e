import { pino } from 'pino';
import { systemClock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import { createDirectory } from '../directory/index.js';
import { createUserSync, type UserSync } from '../directory/sync/index.js';
import { loadTranslator } from '../i18n/translator.js';
import { createMailer } from '../mfa/mailer.js';
import { createMfaFromConfig, loadMfaModules } from '../mfa/index.js';
import { loadSecretKey } from '../secrets/secret-key.js';
import { createStore, type Store } from '../store/index.js';
import { cliAudit } from './cli-audit.js';
import { UsageError, type CliIo } from './types.js';

export interface OpenedSync {
  sync: UserSync;
  store: Store;
  close(): Promise<void>;
}

/**
 * The import/sync engine for a CLI verb, on the configured store (a running node sees the records at once), the
 * LDAP directory, the MFA registry (to purge removed users' methods and set default methods) and SMTP.
 */
export async function openUserSync(config: Config, io: CliIo): Promise<OpenedSync> {
  if (config.directory.type !== 'ldap') throw new UsageError(`import and sync read an LDAP directory; directory.type is ${config.directory.type}`);
  const modules = await loadMfaModules(config);
  const secret = loadSecretKey({ configured: config.secrets.key, env: io.env, dataDir: config.dataDir });
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const store = await createStore(config);
  const audit = cliAudit(config);
  const directory = createDirectory(config, store, { clock: systemClock, logger });
  const mailer = createMailer(config.smtp);
  try {
    const mfa = await createMfaFromConfig(config, modules, { store, clock: systemClock, logger, t: loadTranslator('en'), secret });
    const sync = createUserSync({ config, store, directory, clock: systemClock, mfa, mailer, audit, logger });
    return {
      sync,
      store,
      async close() {
        mailer.close();
        await mfa.close();
        await directory.close();
        await audit.close();
        await store.close();
      },
    };
  } catch (error) {
    mailer.close();
    await directory.close();
    await audit.close();
    await store.close();
    throw error;
  }
}
