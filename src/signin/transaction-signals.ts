import type { Store } from '../store/types.js';

/** How long a transaction's change count is kept: longer than any sign-in lasts. */
const VERSION_TTL_MS = 60 * 60_000;

/**
 * "This sign-in changed" (a phone answered, a request was cancelled), told to whichever node holds the browser's
 * event stream. A counter in the Store and a message on the transaction's channel: a page remembers the count it
 * was drawn at, and its event stream fires when the count has moved, whether the change came before or after the
 * stream subscribed. Nothing is kept in one process's memory, so it works across nodes sharing a Redis.
 */
export class TransactionSignals {
  constructor(private readonly store: Store) {}

  /** How many changes the transaction has seen; 0 when none. */
  async version(transactionId: string): Promise<number> {
    return Number((await this.store.get<number>(versionKey(transactionId))) ?? 0);
  }

  async signal(transactionId: string): Promise<void> {
    const version = await this.store.increment(versionKey(transactionId), VERSION_TTL_MS);
    await this.store.publish(channel(transactionId), String(version));
  }

  /** Calls `onChange` on every later change; the returned function unsubscribes. */
  subscribe(transactionId: string, onChange: (version: number) => void): Promise<() => Promise<void>> {
    return this.store.subscribe(channel(transactionId), (message) => onChange(Number(message)));
  }
}

const versionKey = (id: string) => `signin:changes:${id}`;
const channel = (id: string) => `signin:changed:${id}`;
