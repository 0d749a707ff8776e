import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createRedisStore, type RedisStore } from '../../../src/store/index.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

/** Resolves with the first message that arrives. */
function nextMessage(store: RedisStore, channel: string): Promise<{ message: Promise<string>; unsubscribe: () => Promise<void> }> {
  let deliver: (message: string) => void = () => undefined;
  const message = new Promise<string>((resolve) => (deliver = resolve));
  return store.subscribe(channel, (text) => deliver(text)).then((unsubscribe) => ({ message, unsubscribe }));
}

/**
 * "The transaction changed" across nodes: what a push approved through node B's device API uses to wake the browser
 * waiting on node A. (The push flow itself is tested across nodes with the push issue.)
 */
describe('store publish and subscribe across nodes', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let nodeA: RedisStore;
  let nodeB: RedisStore;

  before(async function () {
    redis = await startRedis();
    [nodeA, nodeB] = await Promise.all([createRedisStore({ url: redis.url }), createRedisStore({ url: redis.url })]);
  });

  after(async function () {
    await Promise.all([nodeA?.close(), nodeB?.close()]);
    await redis?.stop();
  });

  it("delivers a message published through node B's store to a subscriber on node A's store", async function () {
    const waiting = await nextMessage(nodeA, 'signin:changed:tx-1');
    await nodeB.publish('signin:changed:tx-1', 'approved');
    assert.equal(await waiting.message, 'approved');
    await waiting.unsubscribe();
  });

  it('delivers a message another Gatehouse process publishes', async function () {
    const waiting = await nextMessage(nodeA, 'signin:changed:tx-2');
    await run(process.execPath, ['--import', 'tsx', join(here, 'publish-from-node.ts'), redis.url, 'signin:changed:tx-2', 'denied'], { cwd: resolve(here, '../../..') });
    assert.equal(await waiting.message, 'denied');
    await waiting.unsubscribe();
  });

  it('lets a waiter that subscribed late see the change through the counter published beside the message', async function () {
    // What a page does: remember the count it was drawn at, subscribe, then re-read the count.
    const drawnAt = Number((await nodeA.get<number>('signin:changes:tx-3')) ?? 0);
    await nodeB.increment('signin:changes:tx-3', 60_000);
    await nodeB.publish('signin:changed:tx-3', '1');
    const waiting = await nextMessage(nodeA, 'signin:changed:tx-3');
    assert.ok(Number(await nodeA.get<number>('signin:changes:tx-3')) > drawnAt, 'the count moved although the message came before the subscription');
    await waiting.unsubscribe();
  });
});
