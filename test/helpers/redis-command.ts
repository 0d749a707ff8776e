import { connect } from 'node:net';
import { encodeCommand, parseReply } from './resp.js';
import type { RespValue } from './resp.js';

/**
 * Sends one command to a Redis server on 127.0.0.1 over a fresh connection and returns its reply. A tiny client of
 * our own: the harness must not depend on the Redis client the Store under test uses.
 */
export async function redisCommand(port: number, ...args: string[]): Promise<RespValue> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(5_000, () => fail(new Error(`redis on port ${port} did not answer ${args[0] ?? ''} in 5 s`)));
    socket.on('error', fail);
    socket.on('connect', () => socket.write(encodeCommand(args)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      let reply;
      try {
        reply = parseReply(received);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (reply === undefined) return;
      socket.end();
      if (reply.value instanceof Error) reject(reply.value);
      else resolve(reply.value);
    });
    socket.on('close', () => reject(new Error(`redis on port ${port} closed the connection before replying`)));
  });
}
