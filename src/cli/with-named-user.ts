import type { Audit } from '../audit/index.js';
import type { Config } from '../config/index.js';
import { createDirectory, type Directory, type DirectoryUser } from '../directory/index.js';
import { createStore, type Store } from '../store/index.js';
import { cliAudit } from './cli-audit.js';
import { EXIT, type CliIo } from './types.js';

export interface NamedUser {
  user: DirectoryUser;
  store: Store;
  directory: Directory;
  audit: Audit;
}

/**
 * The frame of a `gatehouse users VERB LOGIN` that acts on one user through the Store: opens the store, the
 * directory and the audit, finds the user (one line and a failure exit when there is none), runs `act`, closes all.
 */
export async function withNamedUser(verb: string, login: string, config: Config, io: CliIo, act: (named: NamedUser) => Promise<number>): Promise<number> {
  const store = await createStore(config);
  const audit = cliAudit(config);
  const directory = createDirectory(config, store);
  try {
    const user = await directory.findUser(login);
    if (!user) {
      io.err(`gatehouse users ${verb}: no user ${login}`);
      return EXIT.failed;
    }
    return await act({ user, store, directory, audit });
  } finally {
    await directory.close();
    await audit.close();
    await store.close();
  }
}
