// Run by concurrent-start.test.ts as a separate node process: waits until the agreed instant, so that every
// process starts on the dir at once, then prints the kid it ended with.
import { setTimeout as sleep } from 'node:timers/promises';
import { loadOrCreateKeys } from '../../../src/keys/index.js';

const [dir, startAt] = process.argv.slice(2);
if (!dir || !startAt) throw new Error('usage: load-keys-child.ts DIR START_AT_MS');
await sleep(Math.max(0, Number(startAt) - Date.now()));
const keys = await loadOrCreateKeys({ dir, organizationName: 'Contoso' });
process.stdout.write(keys.signing.kid);
