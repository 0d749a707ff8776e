/**
 * The bare oidc-provider baseline for the matrix benchmark, as its own process: `bare-server.ts '<ServerSetup JSON>'`.
 * Its directory is the same kind as Gatehouse's in the same setup (the embedded one on an embedded store, with the
 * same users and scrypt cost, or the bench slapd through the same LdapDirectory), and its login asks for the
 * bench TOTP code after the password when the driver signs in through the MFA client (one page more, as in Gatehouse).
 */
import { buildConfig } from '../../src/config/index.js';
import { createDirectory, EmbeddedDirectory, type Directory } from '../../src/directory/index.js';
import { scryptHasher } from '../../src/directory/embedded/password-hash.js';
import { createEmbeddedStore } from '../../src/store/index.js';
import { totpSecretOf } from '../common/bench-totp.js';
import { BENCH_SERVICE, BENCH_SUFFIX, BENCH_USER_PASSWORD } from '../ldap/generate-users.js';
import { startBareProvider } from '../signin/servers/bare-provider.js';
import { serveUntilStopped } from '../signin/servers/serve-until-stopped.js';
import { makeTempDir } from '../signin/servers/temp-dir.js';
import { CLIENTS, userPools, type ServerSetup } from './bench-setup.js';
import { mapLimit } from './map-limit.js';

const setup = JSON.parse(process.argv[2] ?? '{}') as ServerSetup;

await serveUntilStopped(async () => {
  const temp = await makeTempDir('bare-matrix-');
  const store = await createEmbeddedStore({ dataDir: `${temp.dir}/data` });
  let directory: Directory;
  if (setup.directory === 'ldap') {
    const config = buildConfig({ dataDir: `${temp.dir}/data`, directory: { type: 'ldap', urls: [setup.ldapUrl!], bindDN: BENCH_SERVICE.dn, bindPassword: BENCH_SERVICE.password, baseDN: BENCH_SUFFIX, loginAttributes: ['uid', 'mail'], groups: 'memberOf' } });
    directory = createDirectory(config, store);
  } else {
    const hash = await scryptHasher.hash(BENCH_USER_PASSWORD);
    const embedded = new EmbeddedDirectory(store, { hash: async () => hash, verify: scryptHasher.verify });
    const pools = userPools('embedded', setup.maxConcurrency);
    await mapLimit([...pools.plain, ...pools.totp], 8, (login) => embedded.addUser({ login, password: BENCH_USER_PASSWORD, name: login, email: `${login}@bench.test` }));
    // Verifying runs the real scrypt on the stored hash: only adding users was spared the cost.
    directory = new EmbeddedDirectory(store);
  }
  const bare = await startBareProvider({ directory, clients: [CLIENTS.open, CLIENTS.mfa], keysDir: `${temp.dir}/certs`, totpSecretOf, totpClient: CLIENTS.mfa.id });
  return {
    url: bare.url,
    async stop() {
      await bare.stop();
      await directory.close();
      await store.close();
      await temp.remove();
    },
  };
});
