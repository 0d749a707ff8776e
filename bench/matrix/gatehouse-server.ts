/**
 * Gatehouse for the matrix benchmark, as its own process: `gatehouse-server.ts '<ServerSetup JSON>'`. Built by
 * createGatehouse on the embedded store or Redis, with the embedded directory or the bench slapd; logging silent,
 * no audit sinks (neither baseline writes per-request output). Tells the driver, with its URL, the activation
 * codes of the pools' phones, which the driver activates and then answers pushes with.
 */
import { writeFile } from 'node:fs/promises';
import { pino } from 'pino';
import type { ConfigInput } from '../../src/config/index.js';
import { EmbeddedDirectory } from '../../src/directory/index.js';
import { scryptHasher } from '../../src/directory/embedded/password-hash.js';
import { createGatehouse } from '../../src/server.js';
import { BENCH_SERVICE, BENCH_SUFFIX, BENCH_USER_PASSWORD } from '../ldap/generate-users.js';
import { BENCH_SP } from '../saml/bench-sp.js';
import { BENCH_REDIRECT_URI } from '../signin/bench-constants.js';
import { freePort } from '../signin/free-port.js';
import { serveUntilStopped } from '../signin/servers/serve-until-stopped.js';
import { makeTempDir } from '../signin/servers/temp-dir.js';
import { CLIENTS, POLICIES_YAML, SECRET_KEY, userPools, type ServerSetup } from './bench-setup.js';
import { enrollTotp, type Activation } from './enroll.js';
import { mapLimit } from './map-limit.js';

const setup = JSON.parse(process.argv[2] ?? '{}') as ServerSetup;

await serveUntilStopped(async () => {
  const temp = await makeTempDir('gatehouse-matrix-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const policies = `${temp.dir}/policies.yaml`;
  await writeFile(policies, POLICIES_YAML);
  const config: ConfigInput = {
    issuer: url,
    listen: { host: '127.0.0.1', port },
    dataDir: `${temp.dir}/data`,
    keys: { dir: `${temp.dir}/certs` },
    secrets: { key: SECRET_KEY },
    policies,
    log: { level: 'silent' },
    audit: { sinks: [], personalFields: true },
    // One phone serves one virtual user back to back: a real user is never pushed at this rate.
    push: { maxPendingPerUser: 10, rateLimit: { pushes: 1_000_000, window: '1h' }, fatigue: { failures: 1_000_000, window: '1h', coolDown: '1m' } },
    relyingParties: [
      // No refresh tokens, as the baseline's clients: the driver never asks for one, and each would be one more
      // artifact to write and keep for 14 days.
      { type: 'oidc', id: CLIENTS.open.id, clientSecret: CLIENTS.open.secret, redirectUris: [BENCH_REDIRECT_URI], refreshTokens: false },
      { type: 'oidc', id: CLIENTS.mfa.id, clientSecret: CLIENTS.mfa.secret, redirectUris: [BENCH_REDIRECT_URI], refreshTokens: false },
      { type: 'saml', id: BENCH_SP.id, entityId: BENCH_SP.entityId, acs: [{ url: BENCH_SP.acs, binding: 'post', index: 0 }], nameId: { format: 'emailAddress', attribute: 'mail' }, attributes: { email: 'mail' } },
    ],
    ...(setup.store === 'redis' ? { store: { type: 'redis', url: setup.redisUrl!, prefix: `bench${port}:` } } : {}),
    ...(setup.directory === 'ldap'
      ? { directory: { type: 'ldap', urls: [setup.ldapUrl!], bindDN: BENCH_SERVICE.dn, bindPassword: BENCH_SERVICE.password, baseDN: BENCH_SUFFIX, loginAttributes: ['uid', 'mail'], groups: 'memberOf' } }
      : {}),
  };
  const gatehouse = await createGatehouse(config, { logger: pino({ level: 'silent' }), auditSinks: [], env: {} });
  const { registry } = gatehouse;
  const pools = userPools(setup.directory, setup.maxConcurrency);
  const everyone = [...pools.plain, ...pools.totp, ...pools.push, ...pools.passwordless];
  if (setup.directory === 'embedded') {
    // One real scrypt hash for all: every sign-in still verifies at full cost; only the start-up is spared.
    const hash = await scryptHasher.hash(BENCH_USER_PASSWORD);
    const directory = new EmbeddedDirectory(registry.store, { hash: async () => hash, verify: scryptHasher.verify });
    await mapLimit(everyone, 8, (login) => directory.addUser({ login, password: BENCH_USER_PASSWORD, name: login, email: `${login}@bench.test` }));
  }
  const userOf = async (login: string) => {
    const user = await registry.directory.findUser(login);
    if (!user) throw new Error(`the directory has no ${login}`);
    return user;
  };
  await mapLimit(pools.totp, 8, async (login) => enrollTotp(registry.store, SECRET_KEY, await userOf(login)));
  const activations: Activation[] = [];
  for (const [pool, passwordless] of [[pools.push, false], [pools.passwordless, true]] as const) {
    for (const login of pool) {
      const user = await userOf(login);
      const { code } = await registry.devices.activation.issue({ userId: user.id, login });
      activations.push({ login, code, passwordless });
    }
  }
  await gatehouse.start();
  return {
    url,
    details: { activations },
    async stop() {
      await gatehouse.stop();
      await temp.remove();
    },
  };
});
