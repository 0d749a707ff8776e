import type { Store } from '../../store/types.js';
import type { ChangeMark, ImportedUser } from './types.js';

const USERS = 'directory.imported';
const STATE = 'directory.sync';
/** Writes in flight at once: the embedded store shares one fsync among the writes queued together. */
const WRITE_BATCH = 1000;

/** Where the last run of a scope left off. */
export interface SyncState {
  mark: ChangeMark;
  lastRun: string;
  lastFull: string;
}

/** Imported users and sync state in the Store's durable records, so every node and the CLI see the same. */
export class ImportedUsers {
  constructor(private readonly store: Store) {}

  async all(): Promise<Map<string, ImportedUser>> {
    return new Map(await this.store.listRecords<ImportedUser>(USERS));
  }

  get(id: string): Promise<ImportedUser | undefined> {
    return this.store.getRecord<ImportedUser>(USERS, id);
  }

  async putMany(users: ImportedUser[]): Promise<void> {
    for (let i = 0; i < users.length; i += WRITE_BATCH) {
      await Promise.all(users.slice(i, i + WRITE_BATCH).map((user) => this.store.putRecord(USERS, user.id, user)));
    }
  }

  delete(id: string): Promise<void> {
    return this.store.deleteRecord(USERS, id);
  }

  state(scope: string): Promise<SyncState | undefined> {
    return this.store.getRecord<SyncState>(STATE, scope);
  }

  saveState(scope: string, state: SyncState): Promise<void> {
    return this.store.putRecord(STATE, scope, state);
  }
}
