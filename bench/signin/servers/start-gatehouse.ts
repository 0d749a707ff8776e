import { pino } from 'pino';
import { EmbeddedDirectory } from '../../../src/directory/index.js';
import { createGatehouse, type Gatehouse } from '../../../src/server.js';
import { BENCH_CLIENT, BENCH_REDIRECT_URI, BENCH_USERS } from '../bench-constants.js';
import { freePort } from '../free-port.js';
import { makeTempDir } from './temp-dir.js';

/**
 * Gatehouse as createGatehouse builds it, with the embedded store and directory, one OIDC client, logging
 * silenced and no audit sinks (so neither contender writes per-request output), and the bench users added.
 */
export async function startBenchGatehouse(): Promise<{ url: string; gatehouse: Gatehouse; stop: () => Promise<void> }> {
  const temp = await makeTempDir('gatehouse-bench-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const gatehouse = await createGatehouse(
    {
      issuer: url,
      listen: { host: '127.0.0.1', port },
      dataDir: `${temp.dir}/data`,
      keys: { dir: `${temp.dir}/certs` },
      log: { level: 'silent' },
      audit: { sinks: [], personalFields: true },
      relyingParties: [{ type: 'oidc', id: BENCH_CLIENT.id, clientSecret: BENCH_CLIENT.secret, redirectUris: [BENCH_REDIRECT_URI] }],
    },
    { logger: pino({ level: 'silent' }), auditSinks: [], env: {} },
  );
  const directory = gatehouse.registry.directory;
  if (!(directory instanceof EmbeddedDirectory)) throw new Error('the benchmark needs the embedded directory');
  for (const user of BENCH_USERS) await directory.addUser(user);
  await gatehouse.start();
  return {
    url,
    gatehouse,
    async stop() {
      await gatehouse.stop();
      await temp.remove();
    },
  };
}
