/**
 * One sign-in contender as its own process: `node --import tsx bench/ldap/signin-server.ts embedded|ldap [LDAP_URL]`.
 * Prints `READY <url>` when it serves, stops on SIGTERM. Gatehouse as createGatehouse builds it, with the embedded
 * store, one OIDC client, logging silenced, no audit sinks; the directory is the embedded one (the bench users
 * added, scrypt at Gatehouse's parameters) or the bench slapd (its {SSHA} passwords checked by a bind).
 */
import { pino } from 'pino';
import { EmbeddedDirectory } from '../../src/directory/index.js';
import { createGatehouse } from '../../src/server.js';
import { freePort } from '../../test/helpers/free-port.js';
import { makeTempDir, removeTempDir } from '../../test/helpers/temp-dir.js';
import { BENCH_CLIENT, BENCH_REDIRECT_URI } from '../signin/bench-constants.js';
import { BENCH_SERVICE, BENCH_SUFFIX, BENCH_USER_PASSWORD, loginOf } from './generate-users.js';

const [kind, ldapUrl] = process.argv.slice(2);
const dir = await makeTempDir('gatehouse-bench-ldap-');
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const gatehouse = await createGatehouse(
  {
    issuer: url,
    listen: { host: '127.0.0.1', port },
    dataDir: `${dir}/data`,
    keys: { dir: `${dir}/certs` },
    log: { level: 'silent' },
    audit: { sinks: [], personalFields: true },
    relyingParties: [{ type: 'oidc', id: BENCH_CLIENT.id, clientSecret: BENCH_CLIENT.secret, redirectUris: [BENCH_REDIRECT_URI] }],
    ...(kind === 'ldap'
      ? { directory: { type: 'ldap', urls: [ldapUrl!], bindDN: BENCH_SERVICE.dn, bindPassword: BENCH_SERVICE.password, baseDN: BENCH_SUFFIX, loginAttributes: ['uid', 'mail'], groups: 'memberOf' } }
      : {}),
  },
  { logger: pino({ level: 'silent' }), auditSinks: [], env: {} },
);
if (kind !== 'ldap') {
  const directory = gatehouse.registry.directory as EmbeddedDirectory;
  for (let i = 1; i <= 8; i++) await directory.addUser({ login: loginOf(i), password: BENCH_USER_PASSWORD });
}
await gatehouse.start();
process.stdout.write(`READY ${url}\n`);
process.on('SIGTERM', () => {
  void gatehouse
    .stop()
    .then(() => removeTempDir(dir))
    .finally(() => process.exit(0));
});
