import type { Client } from 'ldapts';
import { ConnectionPool } from './connection-pool.js';
import { isConnectionError } from './connection-errors.js';
import { openConnection } from './open-connection.js';
import type { LdapDependencies, LdapDirectoryOptions } from './types.js';

/** `search` connections are bound as the service account; `bind` connections carry users' password binds. */
export type PoolRole = 'search' | 'bind';

/** One directory server and its two pools. */
class LdapServer {
  downUntil = 0;
  readonly pools: Record<PoolRole, ConnectionPool>;

  constructor(
    readonly url: string,
    options: LdapDirectoryOptions,
    deps: LdapDependencies,
  ) {
    const settings = { url, timeout: options.timeout, startTls: options.startTls, ...(options.ca ? { ca: options.ca } : {}) };
    const serviceConnection = async (): Promise<Client> => {
      const client = await openConnection(settings);
      try {
        if (options.bindDN) await client.bind(options.bindDN, options.bindPassword ?? '');
        return client;
      } catch (error) {
        await client.unbind().catch(() => {});
        throw error;
      }
    };
    this.pools = {
      search: new ConnectionPool(serviceConnection, options.poolSize, deps.clock),
      bind: new ConnectionPool(() => openConnection(settings), options.poolSize, deps.clock),
    };
  }
}

/** Thrown when no server could answer: the password check reports `unavailable`. */
export class DirectoryUnavailableError extends Error {
  override readonly name = 'DirectoryUnavailableError';
}

/**
 * The configured servers in order, with failover: an operation goes to the first server not marked down; when it
 * fails with a connection error (refused, reset, TLS, timeout, busy) that server is passed over for `retryAfter`
 * and the operation runs on the next one. When every server is marked down they are all tried anyway, in order.
 */
export class ServerSet {
  readonly #servers: LdapServer[];

  constructor(
    options: LdapDirectoryOptions,
    private readonly deps: LdapDependencies,
    private readonly retryAfter = options.retryAfter,
  ) {
    this.#servers = options.urls.map((url) => new LdapServer(url, options, deps));
  }

  async run<T>(role: PoolRole, operation: (client: Client) => Promise<T>): Promise<T> {
    const now = this.deps.clock.now();
    const up = this.#servers.filter((server) => server.downUntil <= now);
    const down = this.#servers.filter((server) => server.downUntil > now);
    const failures: string[] = [];
    for (const server of [...up, ...down]) {
      try {
        const result = await server.pools[role].use(operation);
        if (server.downUntil > 0) {
          server.downUntil = 0;
          this.deps.logger?.info({ server: server.url }, 'LDAP server answers again');
        }
        return result;
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        failures.push(`${server.url}: ${message}`);
        if (server.downUntil <= now) this.deps.logger?.warn({ server: server.url, err: message }, 'LDAP server failed; trying the next one');
        server.downUntil = this.deps.clock.now() + this.retryAfter;
      }
    }
    throw new DirectoryUnavailableError(`no LDAP server answered (${failures.join('; ')})`);
  }

  async close(): Promise<void> {
    await Promise.all(this.#servers.flatMap((server) => [server.pools.search.close(), server.pools.bind.close()]));
  }
}
