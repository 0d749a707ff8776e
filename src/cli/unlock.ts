import { systemClock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import { SmartLockout } from '../lockout/index.js';
import { KnownDevices } from '../signin/known-devices.js';
import { EXIT, type CliIo } from './types.js';
import { withNamedUser } from './with-named-user.js';

/**
 * `gatehouse users unlock LOGIN`: clears the user's smart lockout (both counters, both locks). It bumps a durable
 * record, so a running node sees it at once whatever the store; audited as lockout.cleared by `cli`.
 */
export function unlockUser(login: string, config: Config, io: CliIo): Promise<number> {
  return withNamedUser('unlock', login, config, io, async ({ user, store, directory, audit }) => {
    const devices = new KnownDevices(store);
    const lockout = new SmartLockout({ store, directory, familiarIps: (id) => devices.familiarIps(id), audit, clock: systemClock }, config.lockout);
    const before = await lockout.unlock(user, 'cli', { authMode: 'admin' });
    const was = (['familiar', 'unfamiliar'] as const).filter((scope) => before[scope].locked);
    // With the embedded store a running node keeps its counters in its own memory: the CLI cannot see them, but the
    // durable generation it bumped clears them there too. Only what it saw is reported.
    io.out(`unlocked ${user.login}: smart lockout counters and lockouts cleared${was.length ? ` (was locked out from ${was.join(' and ')} places)` : ''}`);
    return EXIT.ok;
  });
}
