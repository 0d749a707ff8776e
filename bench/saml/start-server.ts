import { pino } from 'pino';
import { EmbeddedDirectory } from '../../src/directory/index.js';
import { createGatehouse } from '../../src/server.js';
import { BENCH_CLIENT, BENCH_REDIRECT_URI, BENCH_USERS } from '../signin/bench-constants.js';
import { freePort } from '../signin/free-port.js';
import { makeTempDir } from '../signin/servers/temp-dir.js';
import { BENCH_SP } from './bench-sp.js';

/**
 * One Gatehouse serving both flows of the comparison: the OIDC bench client and a SAML SP (HTTP-POST, signed
 * assertion), embedded store and directory, logging and audit off, the bench users added.
 */
export async function startSamlBenchGatehouse(): Promise<{ url: string; stop: () => Promise<void> }> {
  const temp = await makeTempDir('gatehouse-saml-bench-');
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
      relyingParties: [
        { type: 'oidc', id: BENCH_CLIENT.id, clientSecret: BENCH_CLIENT.secret, redirectUris: [BENCH_REDIRECT_URI] },
        { type: 'saml', id: BENCH_SP.id, entityId: BENCH_SP.entityId, acs: [{ url: BENCH_SP.acs, binding: 'post', index: 0 }], nameId: { format: 'emailAddress', attribute: 'mail' }, attributes: { email: 'mail' } },
      ],
    },
    { logger: pino({ level: 'silent' }), auditSinks: [], env: {} },
  );
  const directory = gatehouse.registry.directory;
  if (!(directory instanceof EmbeddedDirectory)) throw new Error('the benchmark needs the embedded directory');
  for (const user of BENCH_USERS) await directory.addUser(user);
  await gatehouse.start();
  return {
    url,
    async stop() {
      await gatehouse.stop();
      await temp.remove();
    },
  };
}
