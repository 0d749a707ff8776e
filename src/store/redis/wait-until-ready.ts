import type { RedisClient } from './connect-redis.js';

/** Connects a lazy client and resolves once it is ready for commands; rejects with the last error after timeoutMs. */
export async function waitUntilReady(connection: RedisClient, timeoutMs: number): Promise<void> {
  let lastError: Error | undefined;
  const onError = (error: Error): void => {
    lastError = error;
  };
  connection.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(lastError ?? new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      connection.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
      connection.connect().catch(onError);
    });
  } finally {
    connection.off('error', onError);
  }
}
