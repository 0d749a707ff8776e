/**
 * Child process of the cross-node pub/sub test: another node's Store publishing once.
 * Usage: node --import tsx publish-from-node.ts REDIS_URL CHANNEL MESSAGE
 */
import { createRedisStore } from '../../../src/store/index.js';

const [url, channel, message] = process.argv.slice(2);
if (!url || !channel || message === undefined) {
  process.stderr.write('usage: publish-from-node.ts REDIS_URL CHANNEL MESSAGE\n');
  process.exit(2);
}
const store = await createRedisStore({ url });
await store.publish(channel, message);
await store.close();
