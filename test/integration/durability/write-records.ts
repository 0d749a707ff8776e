/**
 * Child process of the durability tests: puts `count` records one after another into the embedded store in
 * `dataDir` and prints each id only after its putRecord resolved, so every printed id is an acknowledged write.
 *
 * Usage: node --import tsx write-records.ts DATA_DIR PREFIX COUNT
 */
import { createEmbeddedStore } from '../../../src/store/index.js';

const [dataDir, prefix, count] = process.argv.slice(2);
if (!dataDir || !prefix || !count) {
  process.stderr.write('usage: write-records.ts DATA_DIR PREFIX COUNT\n');
  process.exit(2);
}

const store = await createEmbeddedStore({ dataDir });
for (let index = 0; index < Number(count); index += 1) {
  const id = `${prefix}-${index}`;
  await store.putRecord('item', id, { id, index, padding: 'p'.repeat(index % 200) });
  // Writes to a pipe are synchronous on Linux: the line is out before the next record starts.
  process.stdout.write(`${id}\n`);
}
await store.close();
