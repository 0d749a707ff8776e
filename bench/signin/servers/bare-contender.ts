/**
 * Contender B, the baseline: bare oidc-provider (bare-provider.ts) with the bench users in an EmbeddedDirectory
 * (scrypt, same cost as Gatehouse) on an embedded store in a temp dir.
 */
import { EmbeddedDirectory } from '../../../src/directory/index.js';
import { createEmbeddedStore } from '../../../src/store/index.js';
import { BENCH_CLIENT, BENCH_USERS } from '../bench-constants.js';
import { startBareProvider } from './bare-provider.js';
import { serveUntilStopped } from './serve-until-stopped.js';
import { makeTempDir } from './temp-dir.js';

await serveUntilStopped(async () => {
  const temp = await makeTempDir('bare-oidc-bench-');
  const store = await createEmbeddedStore({ dataDir: `${temp.dir}/data` });
  const directory = new EmbeddedDirectory(store);
  for (const user of BENCH_USERS) await directory.addUser(user);
  const bare = await startBareProvider({ directory, clients: [BENCH_CLIENT], keysDir: `${temp.dir}/certs` });
  return {
    url: bare.url,
    async stop() {
      await bare.stop();
      await store.close();
      await temp.remove();
    },
  };
});
