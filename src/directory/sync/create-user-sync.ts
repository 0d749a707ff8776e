import type { Logger } from 'pino';
import type { Audit } from '../../audit/index.js';
import type { Clock } from '../../clock/clock.js';
import type { Config } from '../../config/index.js';
import type { Mailer } from '../../mfa/types.js';
import type { Store } from '../../store/types.js';
import type { LdapDirectory } from '../ldap/ldap-directory.js';
import type { Directory, DirectoryUser } from '../types.js';
import { createEnrollmentMailer } from './enrollment-mail.js';
import type { SyncSettings, UserScope } from './types.js';
import { UserSync } from './user-sync.js';

/** What the sync needs of the MFA registry: removing a user's methods, and their default-method preference. */
export interface MfaForSync {
  resetUser(user: DirectoryUser): Promise<string[]>;
  preferences: { get(userId: string): Promise<{ default?: string }>; setDefault(userId: string, method: string): Promise<void> };
}

export interface UserSyncWiring {
  config: Config;
  store: Store;
  directory: Directory;
  clock: Clock;
  mfa: MfaForSync;
  mailer?: Mailer;
  audit?: Audit;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** The scope configured in directory.sync, undefined when neither base nor group is set (no scheduled sync). */
export function configuredScope(config: Config): UserScope | undefined {
  const sync = config.directory.type === 'ldap' ? config.directory.sync : undefined;
  if (!sync?.base && !sync?.group) return undefined;
  return { ...(sync.base ? { base: sync.base } : {}), ...(sync.group ? { group: sync.group } : {}) };
}

/** Builds the import/sync engine on the LDAP directory; throws when the directory is not LDAP. */
export function createUserSync(wiring: UserSyncWiring): UserSync {
  const { config, directory } = wiring;
  // Not instanceof: the server hands over the directory wrapped (metrics), and a test may load a second copy.
  const scanner = config.directory.type === 'ldap' && 'scanner' in directory ? (directory as LdapDirectory).scanner : undefined;
  if (config.directory.type !== 'ldap' || !scanner) {
    throw new Error(`import and sync read an LDAP directory; directory.type is ${config.directory.type}`);
  }
  const sync = config.directory.sync;
  const settings: SyncSettings = {
    scope: configuredScope(config) ?? { base: config.directory.baseDN },
    pageSize: sync?.pageSize ?? 500,
    removedRetention: sync?.removedRetention ?? 30 * 24 * 3_600_000,
    ...(sync?.defaultMethod ? { defaultMethod: sync.defaultMethod } : {}),
    ...(sync?.language ? { language: sync.language } : {}),
    enrollmentEmail: sync?.enrollmentEmail ?? false,
  };
  const { mfa } = wiring;
  return new UserSync(
    {
      store: wiring.store,
      source: scanner,
      clock: wiring.clock,
      mfa: { purge: (user) => mfa.resetUser(user) },
      defaults: { setIfUnset: (userIds, method) => setDefaults(wiring.store, mfa.preferences, userIds, method) },
      ...(wiring.mailer
        ? { mailer: createEnrollmentMailer({ mailer: wiring.mailer, portalUrl: sync?.portalUrl ?? `${config.issuer}/portal`, organization: config.organization.name }) }
        : {}),
      ...(wiring.audit ? { audit: wiring.audit } : {}),
      ...(wiring.logger ? { logger: wiring.logger } : {}),
    },
    settings,
  );
}

/** Store operations in flight at once: the embedded store shares one fsync among the writes queued together. */
const BATCH = 1000;
/**
 * The record kind of the MFA registry's PreferenceStore (src/mfa/preferences.ts), read here in one listRecords
 * instead of one getRecord per imported user (100,000 users: under a second rather than most of the import).
 * test/unit/directory/ldap-sync/set-defaults.test.ts fails if the PreferenceStore keeps them elsewhere.
 */
export const PREFERENCES_KIND = 'mfa.preferences';

/**
 * Gives users without a default MFA method this one. Users with no preference record at all get a new record in
 * batches of writes; the few with a record but no default go through the PreferenceStore (which keeps the rest).
 */
export async function setDefaults(store: Store, preferences: MfaForSync['preferences'], userIds: string[], method: string): Promise<void> {
  const existing = new Map(await store.listRecords<{ default?: string }>(PREFERENCES_KIND));
  const fresh = userIds.filter((id) => !existing.has(id));
  const partial = userIds.filter((id) => existing.has(id) && !existing.get(id)!.default);
  for (let i = 0; i < fresh.length; i += BATCH) {
    await Promise.all(fresh.slice(i, i + BATCH).map((id) => store.putRecord(PREFERENCES_KIND, id, { default: method })));
  }
  for (let i = 0; i < partial.length; i += BATCH) {
    await Promise.all(partial.slice(i, i + BATCH).map((id) => preferences.setDefault(id, method)));
  }
}
