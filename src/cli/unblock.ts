import { createAudit, createFileSink, type AuditSink } from '../audit/index.js';
import { systemClock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import { FraudBlocks } from '../devices/fraud-blocks.js';
import { createDirectory } from '../directory/index.js';
import { createStore } from '../store/index.js';
import { EXIT, type CliIo } from './types.js';

/**
 * `gatehouse users unblock LOGIN`: clears the block a fraud report put on the user's MFA. The block is a durable
 * record, so a running node sees the change at once whatever the store; audited as user.unblocked by `cli`.
 */
export async function unblockUser(login: string, config: Config, io: CliIo): Promise<number> {
  const store = await createStore(config);
  const sinks: AuditSink[] = config.audit.sinks.flatMap((sink) => (sink === 'stdout' ? [] : [createFileSink(sink.file)]));
  const audit = createAudit({ sinks, personalFields: config.audit.personalFields, clock: systemClock });
  const directory = createDirectory(config, store);
  try {
    const user = await directory.findUser(login);
    if (!user) {
      io.err(`gatehouse users unblock: no user ${login}`);
      return EXIT.failed;
    }
    const blocks = new FraudBlocks(store);
    const block = await blocks.get(user.id);
    if (!(await blocks.unblock(user.id))) {
      io.out(`unblock ${user.login}: was not blocked`);
      return EXIT.ok;
    }
    audit.record({ event: 'user.unblocked', result: 'success', uniqueId: user.login, authMode: 'admin', reason: 'cli' });
    io.out(`unblocked ${user.login}: MFA allowed again (blocked since ${block?.since ?? 'unknown'} after a fraud report)`);
    return EXIT.ok;
  } finally {
    await directory.close();
    await audit.close();
    await store.close();
  }
}
