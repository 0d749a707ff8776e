import { createMailer, type SmtpConfig } from '../../mfa/mailer.js';
import { configuredScope, createUserSync, type UserSyncWiring } from './create-user-sync.js';
import { withSyncLock } from './sync-lock.js';
import { SyncScheduler } from './sync-scheduler.js';

export interface ScheduledSync {
  start(): void;
  /** Stops the schedule, waits for a run in progress, closes the SMTP connection. */
  stop(): Promise<void>;
}

/**
 * The automated synchronization of directory.sync (LDAP only): undefined when no sync scope is configured. Each
 * run takes the cluster-wide lock, so with several nodes one of them syncs and the others skip that round.
 */
export function scheduledSync(wiring: Omit<UserSyncWiring, 'mailer'> & { smtp: SmtpConfig }): ScheduledSync | undefined {
  const { config, store, logger } = wiring;
  if (config.directory.type !== 'ldap' || !config.directory.sync || !configuredScope(config)) return undefined;
  const mailer = config.directory.sync.enrollmentEmail ? createMailer(wiring.smtp) : undefined;
  const sync = createUserSync({ ...wiring, ...(mailer ? { mailer } : {}) });
  const scheduler = new SyncScheduler(
    async () => {
      const outcome = await withSyncLock(store, () => sync.sync());
      if (outcome.ran) logger?.info({ mode: outcome.result.mode, counts: outcome.result.counts, ms: outcome.result.durationMs }, 'directory sync done');
    },
    config.directory.sync.interval,
    logger,
  );
  return {
    start: () => scheduler.start(),
    async stop() {
      await scheduler.stop();
      mailer?.close();
    },
  };
}
