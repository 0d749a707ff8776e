import type { Client } from 'ldapts';
import type { Clock } from '../../clock/clock.js';
import { isConnectionError, isTimeout } from './connection-errors.js';
import { isOpen } from './open-connection.js';

interface Lease {
  client: Client;
  reused: boolean;
  idleSince: number;
}

/** Idle connections older than this are closed rather than reused (AD drops them after 15 minutes). */
export const MAX_IDLE_MS = 5 * 60_000;

/**
 * Up to `size` connections to one server, each used by one operation at a time (a bind changes a connection's
 * identity, so they are never shared mid-use). A connection that fails is dropped; when a reused one fails with
 * anything but a timeout (the server closed it while idle) the operation is tried once more on a new connection.
 */
export class ConnectionPool {
  #idle: Lease[] = [];
  #open = 0;
  #waiting: Array<() => void> = [];
  #closed = false;

  constructor(
    private readonly connect: () => Promise<Client>,
    private readonly size: number,
    private readonly clock: Clock,
  ) {}

  async use<T>(operation: (client: Client) => Promise<T>): Promise<T> {
    for (;;) {
      const lease = await this.#acquire();
      try {
        const result = await operation(lease.client);
        this.#release(lease);
        return result;
      } catch (error) {
        if (!isConnectionError(error)) {
          this.#release(lease);
          throw error;
        }
        this.#discard(lease);
        if (!lease.reused || isTimeout(error)) throw error;
      }
    }
  }

  /** Closes every idle connection; busy ones close when their operation ends. */
  async close(): Promise<void> {
    this.#closed = true;
    const idle = this.#idle.splice(0);
    await Promise.all(idle.map((lease) => this.#end(lease)));
  }

  async #acquire(): Promise<Lease> {
    for (;;) {
      if (this.#closed) throw new Error('the LDAP connection pool is closed');
      const lease = this.#idle.pop();
      if (lease) {
        if (isOpen(lease.client) && this.clock.now() - lease.idleSince < MAX_IDLE_MS) return { ...lease, reused: true };
        this.#discard(lease);
        continue;
      }
      if (this.#open < this.size) {
        this.#open++;
        try {
          return { client: await this.connect(), reused: false, idleSince: this.clock.now() };
        } catch (error) {
          this.#open--;
          this.#wakeOne();
          throw error;
        }
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  #release(lease: Lease): void {
    if (this.#closed) return this.#discard(lease);
    this.#idle.push({ client: lease.client, reused: true, idleSince: this.clock.now() });
    this.#wakeOne();
  }

  #discard(lease: Lease): void {
    this.#open--;
    void this.#end(lease);
    this.#wakeOne();
  }

  #wakeOne(): void {
    this.#waiting.shift()?.();
  }

  async #end(lease: Lease): Promise<void> {
    await lease.client.unbind().catch(() => {});
  }
}
