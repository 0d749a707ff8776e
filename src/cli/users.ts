import { loadCliConfig } from './load-cli-config.js';
import { openEmbeddedDirectory } from './open-directory.js';
import { parseOptions } from './parse-options.js';
import { readPassword } from './read-password.js';
import { resetMfa } from './reset-mfa.js';
import { unblockUser } from './unblock.js';
import { unlockUser } from './unlock.js';
import { importUsers } from './users-import.js';
import { syncUsers } from './users-sync.js';
import { EXIT, UsageError, type CliIo, type Verb } from './types.js';

const USAGE = `usage: gatehouse users add LOGIN (--password P | --password-stdin) [--name "N"] [--email E] [--groups g1,g2]
       gatehouse users list [--json]
       gatehouse users remove LOGIN
       gatehouse users set-password LOGIN (--password P | --password-stdin)
       gatehouse users reset-mfa LOGIN      (removes every MFA method of the user; any directory)
       gatehouse users unlock LOGIN         (clears the user's smart lockout of the password step)
       gatehouse users unblock LOGIN        (clears the MFA block a fraud report put on the user)
       gatehouse users import (--base DN | --group DN) [--dry-run] [--send-email] [--json]   (LDAP)
       gatehouse users sync [--dry-run] [--full] [--json]                                   (LDAP: directory.sync)
  every form takes --config FILE (else GATEHOUSE_CONFIG, else the defaults)`;

/** `gatehouse users …`: the embedded directory's users. */
export const usersVerb: Verb = {
  name: 'users',
  summary: 'add, list, remove users of the embedded directory, set their passwords, reset their MFA methods; import and sync from LDAP',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      password: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      name: { type: 'string' },
      email: { type: 'string' },
      groups: { type: 'string' },
      json: { type: 'boolean' },
      base: { type: 'string' },
      group: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'send-email': { type: 'boolean' },
      full: { type: 'boolean' },
    });
    if (values.help) return io.out(USAGE), EXIT.ok;
    const [action, login, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const needsLogin = action === 'add' || action === 'remove' || action === 'set-password' || action === 'reset-mfa' || action === 'unlock' || action === 'unblock';
    if (!action || !['add', 'list', 'remove', 'set-password', 'reset-mfa', 'unlock', 'unblock', 'import', 'sync'].includes(action)) throw new UsageError(`unknown action "${action ?? ''}" (add, list, remove, set-password, reset-mfa, unlock, unblock, import, sync)`);
    if ((action === 'import' || action === 'sync') && login) throw new UsageError(`unexpected argument "${login}"`);
    if (needsLogin && !login) throw new UsageError(`users ${action}: LOGIN is missing`);
    const config = loadCliConfig(values.config, io);
    if (action === 'reset-mfa') return resetMfa(login!, config, io);
    if (action === 'unlock') return unlockUser(login!, config, io);
    if (action === 'unblock') return unblockUser(login!, config, io);
    if (action === 'import') return importUsers(values, config, io);
    if (action === 'sync') return syncUsers(values, config, io);
    const { directory, store } = await openEmbeddedDirectory(config);
    try {
      return await runAction(action, login ?? '', values, directory, io);
    } finally {
      await store.close();
    }
  },
};

async function runAction(
  action: string,
  login: string,
  values: Record<string, string | boolean | undefined>,
  directory: Awaited<ReturnType<typeof openEmbeddedDirectory>>['directory'],
  io: CliIo,
): Promise<number> {
  switch (action) {
    case 'add': {
      const password = await readPassword(values, io.stdin);
      const groups = typeof values.groups === 'string' ? values.groups.split(',').map((g) => g.trim()).filter(Boolean) : [];
      try {
        const user = await directory.addUser({
          login,
          password,
          groups,
          ...(typeof values.name === 'string' ? { name: values.name } : {}),
          ...(typeof values.email === 'string' ? { email: values.email } : {}),
        });
        io.out(`added ${user.login}`);
        return EXIT.ok;
      } catch (error) {
        io.err(`gatehouse users add: ${(error as Error).message}`);
        return EXIT.failed;
      }
    }
    case 'list': {
      const users = await directory.listUsers();
      if (values.json) io.out(JSON.stringify(users.map(({ id, login, name, email, groups, disabled }) => ({ id, login, name, email, groups, disabled })), null, 2));
      else if (users.length === 0) io.out('no users yet: add one with gatehouse users add LOGIN --password-stdin');
      else for (const u of users) io.out([u.login, u.name ?? '', u.email ?? '', u.groups.join(',')].join('\t'));
      return EXIT.ok;
    }
    case 'remove':
      if (await directory.removeUser(login)) return io.out(`removed ${login}`), EXIT.ok;
      io.err(`gatehouse users remove: no user ${login}`);
      return EXIT.failed;
    default: {
      const password = await readPassword(values, io.stdin);
      try {
        if (await directory.setPassword(login, password)) return io.out(`password set for ${login}`), EXIT.ok;
        io.err(`gatehouse users set-password: no user ${login}`);
      } catch (error) {
        io.err(`gatehouse users set-password: ${(error as Error).message}`);
      }
      return EXIT.failed;
    }
  }
}
