import { pino } from 'pino';
import { systemClock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import { createDirectory } from '../directory/index.js';
import { loadTranslator } from '../i18n/translator.js';
import { createMfaFromConfig, loadMfaModules } from '../mfa/index.js';
import { loadSecretKey } from '../secrets/secret-key.js';
import { createStore } from '../store/index.js';
import { cliAudit } from './cli-audit.js';
import { EXIT, type CliIo } from './types.js';

/**
 * `gatehouse users reset-mfa LOGIN`: removes every MFA method of a user (through each adapter, third-party ones
 * included) and their method preferences. Works on the Store directly, so a running node sees it at once.
 */
export async function resetMfa(login: string, config: Config, io: CliIo): Promise<number> {
  const modules = await loadMfaModules(config);
  const secret = loadSecretKey({ configured: config.secrets.key, env: io.env, dataDir: config.dataDir });
  const store = await createStore(config);
  const audit = cliAudit(config);
  const logger = pino({ level: 'warn' }, pino.destination(2));
  try {
    const directory = createDirectory(config, store);
    const mfa = await createMfaFromConfig(config, modules, { store, clock: systemClock, logger, t: loadTranslator('en'), secret });
    const user = await directory.findUser(login);
    if (!user) {
      io.err(`gatehouse users reset-mfa: no user ${login}`);
      return EXIT.failed;
    }
    const removed = await mfa.resetUser(user);
    await mfa.close();
    audit.record({ event: 'method.reset', result: 'success', uniqueId: user.login, authMode: 'admin', reason: removed.join(',') || 'none' });
    io.out(removed.length ? `reset-mfa ${user.login}: removed ${removed.join(', ')}` : `reset-mfa ${user.login}: had no MFA methods`);
    return EXIT.ok;
  } finally {
    await audit.close();
    await store.close();
  }
}
