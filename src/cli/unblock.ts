import type { Config } from '../config/index.js';
import { FraudBlocks } from '../devices/fraud-blocks.js';
import { EXIT, type CliIo } from './types.js';
import { withNamedUser } from './with-named-user.js';

/**
 * `gatehouse users unblock LOGIN`: clears the block a fraud report put on the user's MFA. The block is a durable
 * record, so a running node sees the change at once whatever the store; audited as user.unblocked by `cli`.
 */
export function unblockUser(login: string, config: Config, io: CliIo): Promise<number> {
  return withNamedUser('unblock', login, config, io, async ({ user, store, audit }) => {
    const blocks = new FraudBlocks(store);
    const block = await blocks.get(user.id);
    if (!(await blocks.unblock(user.id))) {
      io.out(`unblock ${user.login}: was not blocked`);
      return EXIT.ok;
    }
    audit.record({ event: 'user.unblocked', result: 'success', uniqueId: user.login, authMode: 'admin', reason: 'cli' });
    io.out(`unblocked ${user.login}: MFA allowed again (blocked since ${block?.since ?? 'unknown'} after a fraud report)`);
    return EXIT.ok;
  });
}
