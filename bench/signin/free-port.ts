import { createServer } from 'node:net';

/** A loopback port nobody listens on right now (bind port 0, read the kernel's choice, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('port 0 gave no TCP address'));
      server.close(() => resolve(address.port));
    });
  });
}
