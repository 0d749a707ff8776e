import type { Store } from '../store/types.js';

const KIND = 'devices.fraud-block';

/** Why a user is blocked: they reported a sign-in request as fraud. */
export interface FraudBlock {
  /** ISO time of the report. */
  since: string;
  requestId: string;
  /** The sign-in the reported request belonged to: it ends with the fraud message, not the block's. */
  transactionId?: string;
  deviceId: string;
}

/**
 * Users blocked from MFA after reporting fraud, until an admin clears it (`gatehouse users unblock LOGIN`).
 * Durable records: the block survives restarts, and the CLI clears it with the server running.
 */
export class FraudBlocks {
  constructor(private readonly store: Store) {}

  async isBlocked(userId: string): Promise<boolean> {
    return (await this.store.getRecord<FraudBlock>(KIND, userId)) !== undefined;
  }

  get(userId: string): Promise<FraudBlock | undefined> {
    return this.store.getRecord<FraudBlock>(KIND, userId);
  }

  async block(userId: string, block: FraudBlock): Promise<void> {
    await this.store.putRecord(KIND, userId, block);
  }

  /** Clears the block; false when the user was not blocked. */
  async unblock(userId: string): Promise<boolean> {
    if (!(await this.isBlocked(userId))) return false;
    await this.store.deleteRecord(KIND, userId);
    return true;
  }
}
