import { createAudit, createFileSink, type AuditSink } from '../audit/index.js';
import { systemClock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import { createDirectory } from '../directory/index.js';
import { SmartLockout } from '../lockout/index.js';
import { KnownDevices } from '../signin/known-devices.js';
import { createStore } from '../store/index.js';
import { EXIT, type CliIo } from './types.js';

/**
 * `gatehouse users unlock LOGIN`: clears the user's smart lockout (both counters, both locks). It bumps a durable
 * record, so a running node sees it at once whatever the store; audited as lockout.cleared by `cli`.
 */
export async function unlockUser(login: string, config: Config, io: CliIo): Promise<number> {
  const store = await createStore(config);
  const sinks: AuditSink[] = config.audit.sinks.flatMap((sink) => (sink === 'stdout' ? [] : [createFileSink(sink.file)]));
  const audit = createAudit({ sinks, personalFields: config.audit.personalFields, clock: systemClock });
  const directory = createDirectory(config, store);
  try {
    const user = await directory.findUser(login);
    if (!user) {
      io.err(`gatehouse users unlock: no user ${login}`);
      return EXIT.failed;
    }
    const devices = new KnownDevices(store);
    const lockout = new SmartLockout({ store, directory, familiarIps: (id) => devices.familiarIps(id), audit, clock: systemClock }, config.lockout);
    const before = await lockout.unlock(user, 'cli', { authMode: 'admin' });
    const was = (['familiar', 'unfamiliar'] as const).filter((scope) => before[scope].locked);
    // With the embedded store a running node keeps its counters in its own memory: the CLI cannot see them, but the
    // durable generation it bumped clears them there too. Only what it saw is reported.
    io.out(`unlocked ${user.login}: smart lockout counters and lockouts cleared${was.length ? ` (was locked out from ${was.join(' and ')} places)` : ''}`);
    return EXIT.ok;
  } finally {
    await directory.close();
    await audit.close();
    await store.close();
  }
}
