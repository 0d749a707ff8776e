import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';
import { canMove, type SigninState } from './states.js';
import type { SigninOrigin, SigninRequest, SigninTransaction } from './types.js';

const KEY = (id: string) => `signin:${id}`;

/** The only way transactions are created, read, moved between states and saved. */
export class TransactionRepository {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly lifetimeMs: number,
  ) {}

  create(input: { origin: SigninOrigin; request: SigninRequest; clientIp: string; browserId: string }): SigninTransaction {
    const now = this.clock.now();
    return {
      id: randomBytes(18).toString('base64url'),
      state: 'identify',
      createdAt: now,
      expiresAt: now + this.lifetimeMs,
      browserId: input.browserId,
      csrf: randomBytes(24).toString('base64url'),
      origin: input.origin,
      request: input.request,
      clientIp: input.clientIp,
      amr: [],
      methods: [],
      scratch: {},
    };
  }

  async load(id: string): Promise<SigninTransaction | undefined> {
    if (!/^[A-Za-z0-9_-]{24}$/.test(id)) return undefined;
    const tx = await this.store.get<SigninTransaction>(KEY(id));
    return tx && tx.expiresAt > this.clock.now() ? tx : undefined;
  }

  async save(tx: SigninTransaction): Promise<void> {
    const ttl = tx.expiresAt - this.clock.now();
    if (ttl > 0) await this.store.set(KEY(tx.id), tx, ttl);
  }

  /** Moves the transaction to another state; a move the state machine does not allow is a bug, so it throws. */
  move(tx: SigninTransaction, to: SigninState): void {
    if (!canMove(tx.state, to)) throw new Error(`sign-in ${tx.id}: ${tx.state} -> ${to} is not a valid move`);
    tx.state = to;
  }
}
