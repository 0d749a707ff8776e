import { join } from 'node:path';

export interface SlapdConfigInput {
  dir: string;
  suffix: string;
  adminDN: string;
  adminPassword: string;
  policyDN: string;
  /** PEM files: with them slapd offers StartTLS (and ldaps:// where the harness listens for it). */
  tls?: { ca: string; cert: string; key: string };
  /** `limits` lines of the database (slapd.conf(5)), e.g. an unlimited size for a service account's paged searches. */
  limits?: string[];
}

const schemas = ['core', 'cosine', 'inetorgperson', 'nis'];

/**
 * A slapd.conf for one mdb database in `dir`. memberof keeps memberOf on members of groupOfNames; ppolicy with a
 * default policy makes pwdAccountLockedTime (a disabled or locked account) refuse binds.
 */
export function slapdConfig(input: SlapdConfigInput): string {
  const { dir, suffix, adminDN, adminPassword, policyDN, tls, limits = [] } = input;
  return [
    ...schemas.map((name) => `include /etc/ldap/schema/${name}.schema`),
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'moduleload memberof',
    'moduleload ppolicy',
    `pidfile ${join(dir, 'slapd.pid')}`,
    `argsfile ${join(dir, 'slapd.args')}`,
    ...(tls ? [`TLSCACertificateFile ${tls.ca}`, `TLSCertificateFile ${tls.cert}`, `TLSCertificateKeyFile ${tls.key}`] : []),
    // Anyone may read the directory, as with no ACL at all; password hashes only their owner (and the rootdn).
    'access to attrs=userPassword by self write by anonymous auth by * none',
    'access to * by * read',
    'database mdb',
    // The default 10 MB map is too small for a benchmark's 50,000 users; the file is sparse, so this costs nothing.
    'maxsize 1073741824',
    // No fsync per write (ldapadd of 50,000 users: 35 s -> 9 s). A killed slapd still loses nothing: the writes
    // are in the page cache; only a machine crash would lose them.
    'dbnosync',
    `suffix "${suffix}"`,
    `rootdn "${adminDN}"`,
    `rootpw ${adminPassword}`,
    `directory ${join(dir, 'db')}`,
    'index objectClass eq',
    'index uid,mail,cn eq',
    'index member,memberOf eq',
    'index entryUUID eq',
    ...limits.map((line) => `limits ${line}`),
    'overlay memberof',
    'overlay ppolicy',
    `ppolicy_default "${policyDN}"`,
    'ppolicy_use_lockout',
    '',
  ].join('\n');
}
