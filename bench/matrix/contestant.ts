import type { ContenderKind, DirectoryKind, SigninPath, StoreKind } from '../common/matrix-results.js';
import type { SignInOnce } from '../signin/load-driver.js';

/** One contender on one path in one setup: how to sign in once, and which processes to charge the CPU to. */
export interface Contestant {
  contender: ContenderKind;
  path: SigninPath;
  directory: DirectoryKind;
  store: StoreKind;
  signIn: SignInOnce;
  /** The server's processes (its whole tree is read: LemonLDAP::NG forks workers, nginx a worker). */
  serverPids: () => number[];
  /** Push approvals timed during the current window (from the phone sending to the page moved on), ms. */
  approvals?: number[];
}

/** The shared parts of the setup, read apart from the servers. */
export interface Backends {
  directoryPid?: number;
  storePid?: number;
}

export const labelOf = (c: Pick<Contestant, 'contender' | 'path' | 'directory' | 'store'>): string => `${c.contender} ${c.path} (${c.directory} directory, ${c.store} store)`;
