import { createServer } from 'node:net';

/**
 * A loopback port nobody listens on right now: bind port 0 on 127.0.0.1, read what the kernel chose, close.
 * Another process can still take it before the service binds; startOnFreePort retries for that.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('listening on port 0 gave no TCP address'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
