import type { Store } from '../store/types.js';

/** A user's choices among their methods: the default they picked in the portal and the one they used last. */
export interface MethodPreferences {
  default?: string;
  lastUsed?: string;
}

const KIND = 'mfa.preferences';

/** Kept as durable records; written only when something changes, so a sign-in rarely pays for a disk write. */
export class PreferenceStore {
  constructor(private readonly store: Store) {}

  async get(userId: string): Promise<MethodPreferences> {
    return (await this.store.getRecord<MethodPreferences>(KIND, userId)) ?? {};
  }

  async recordUse(userId: string, adapterId: string): Promise<void> {
    const current = await this.get(userId);
    if (current.lastUsed !== adapterId) await this.store.putRecord(KIND, userId, { ...current, lastUsed: adapterId });
  }

  async setDefault(userId: string, adapterId: string | undefined): Promise<void> {
    const { default: _previous, ...rest } = await this.get(userId);
    await this.store.putRecord(KIND, userId, adapterId ? { ...rest, default: adapterId } : rest);
  }

  async forget(userId: string): Promise<void> {
    await this.store.deleteRecord(KIND, userId);
  }
}
