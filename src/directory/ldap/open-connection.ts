import net from 'node:net';
import tls from 'node:tls';
import { Client } from 'ldapts';
import { withTimeout } from './with-timeout.js';

export interface ConnectionSettings {
  url: string;
  timeout: number;
  startTls: boolean;
  ca?: string;
}

/**
 * Opens one connection (ldaps://, or ldap:// with StartTLS when asked) with a timeout on the connect and on every
 * operation. ldapts reconnects a dropped socket by itself, which would send the next bind without TLS and without
 * the service account's identity; each connection here may open its socket once, so a dropped one fails instead
 * and the pool replaces it.
 */
export async function openConnection(settings: ConnectionSettings): Promise<Client> {
  const { hostname, protocol } = new URL(settings.url);
  const host = hostname.replace(/^\[|\]$/g, '');
  const secureOptions: tls.ConnectionOptions = {
    ...(settings.ca ? { ca: settings.ca } : {}),
    // A name is checked against the certificate; an IP address is checked against its IP subjectAltName.
    ...(net.isIP(host) ? {} : { servername: host }),
    minVersion: 'TLSv1.2',
  };
  const client = new Client({
    url: settings.url,
    timeout: settings.timeout,
    connectTimeout: settings.timeout,
    ...(protocol === 'ldaps:' ? { tlsOptions: secureOptions } : {}),
    createConnection: once('connect', net.connect, () => dropped.add(client), settings.timeout > 0),
    createSecureConnection: once('connect over TLS', tls.connect, () => dropped.add(client), settings.timeout > 0),
  });
  try {
    await withTimeout(
      (async () => {
        if (protocol === 'ldaps:') return;
        // Connect, then upgrade; ldapts connects lazily on the first operation, which StartTLS is.
        if (settings.startTls) await client.startTLS({ ...secureOptions, host });
      })(),
      settings.timeout,
      `connecting to ${settings.url}`,
    );
    return client;
  } catch (error) {
    await client.unbind().catch(() => {});
    throw error;
  }
}

/**
 * Clients whose socket closed. ldapts notices a closed socket itself, except after StartTLS: it then listens only
 * to the TLS socket's data, and would keep writing to a connection that is gone until the operation timed out.
 */
const dropped = new WeakSet<Client>();

/** Whether the connection is still open (a pool asks before reusing it). */
export function isOpen(client: Client): boolean {
  return client.isConnected && !dropped.has(client);
}

/**
 * The socket factory of one client, usable once. With a timeout, the socket is unref'd: an idle pooled connection
 * never keeps a process (a CLI verb) alive, while an operation in flight is held by ldapts' timeout timer.
 */
function once<F extends (...args: never[]) => net.Socket>(what: string, factory: F, onClose: () => void, unref: boolean): F {
  let used = false;
  return ((...args: Parameters<F>) => {
    if (used) throw new Error(`LDAP connection dropped; refusing to ${what} again on the same client`);
    used = true;
    const socket = factory(...args);
    socket.once('close', onClose);
    if (unref) socket.unref();
    return socket;
  }) as F;
}
