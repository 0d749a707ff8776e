import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ldapToolEnv } from './ldap-search.js';
import { normalDn, parseLdifRecords } from './ldif-records.js';
import type { LdifRecord } from './ldif-records.js';
import { freePort } from './free-port.js';
import { startManagedService } from './managed-service.js';
import { withMemberOf } from './member-of.js';
import { runCommand } from './run-command.js';
import { slapdConfig } from './slapd-config.js';
import { passwordPolicyEntry, suffixEntry } from './slapd-entries.js';
import type { PasswordPolicy } from './slapd-entries.js';
import { systemBinary } from './system-binary.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

export type { PasswordPolicy } from './slapd-entries.js';

export interface SlapdOptions {
  /** LDIF files of entries (no changetype records), loaded in order; the suffix entry is made when none has it. */
  ldif?: string[];
  /** Default dc=example,dc=org, the suffix of test/fixtures/ldap/users.ldif. */
  suffix?: string;
  /** The default policy's lockout; default none (pwdAccountLockedTime still locks). */
  passwordPolicy?: PasswordPolicy;
  /** PEM files of a server certificate (and its CA): slapd then offers StartTLS and also listens on ldaps://. */
  tls?: { ca: string; cert: string; key: string };
  /** `limits` lines for the database, e.g. `dn.exact="cn=gatehouse,…" size=unlimited` (slapd's default is 500). */
  limits?: string[];
}

export interface Slapd {
  /** ldap://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** ldaps://127.0.0.1:PORT when started with tls. */
  readonly ldapsUrl: string | undefined;
  readonly suffix: string;
  /** The rootdn, which no ACL limits. */
  readonly adminDN: string;
  readonly adminPassword: string;
  /** Holds slapd.conf, the mdb files (db/) and the LDIF as loaded (loaded.ldif). */
  readonly dir: string;
  /** The default password policy entry (ppolicy_default). */
  readonly policyDN: string;
  readonly pid: number | undefined;
  /** SIGTERM, waits for the exit, removes its dir. Call it in after(). */
  stop(): Promise<void>;
  /** SIGKILL, waits for the exit: a directory that is suddenly gone. The dir stays for restart(). */
  kill(): Promise<void>;
  /** Stops it gracefully (if running) and starts it again on the same port with the same data. */
  restart(): Promise<void>;
}

const adminPassword = 'admin-secret';

/**
 * Starts OpenLDAP's slapd on a free loopback port with its own slapd.conf and mdb database in a temp dir. The LDIF
 * is loaded offline with slapadd before the start (50,000 users in about a second). slapadd bypasses the memberof
 * overlay, so the harness writes the memberOf values the overlay would have; changes made once slapd runs go
 * through the overlay itself.
 */
export async function startSlapd(options: SlapdOptions = {}): Promise<Slapd> {
  const suffix = options.suffix ?? 'dc=example,dc=org';
  const adminDN = `cn=admin,${suffix}`;
  const policyDN = `cn=password-policy,${suffix}`;
  const dir = await makeTempDir('gatehouse-slapd-');
  try {
    const configFile = join(dir, 'slapd.conf');
    await mkdir(join(dir, 'db'));
    await writeFile(configFile, slapdConfig({ dir, suffix, adminDN, adminPassword, policyDN, ...(options.tls ? { tls: options.tls } : {}), ...(options.limits ? { limits: options.limits } : {}) }));
    const ldapsPort = options.tls ? await freePort() : undefined;
    const listen = (port: number): string => [`ldap://127.0.0.1:${port}`, ...(ldapsPort ? [`ldaps://127.0.0.1:${ldapsPort}`] : [])].join(' ');
    const records = await loadRecords(options.ldif ?? [], suffix, policyDN, options.passwordPolicy ?? {});
    await slapadd(dir, configFile, withMemberOf(records));

    const service = await startManagedService({
      name: 'slapd',
      command: systemBinary('slapd', 'slapd'),
      // A debug level keeps slapd in the foreground, so the harness holds its PID and sees its exit; `none` prints
      // only start, stop and errors (with -d 0 a taken port or a bad config exits without a word).
      args: (port) => ['-d', 'none', '-f', configFile, '-h', listen(port)],
      ready: async (port) => {
        const args = ['-x', '-LLL', '-H', `ldap://127.0.0.1:${port}`, '-b', suffix, '-s', 'base', '1.1'];
        return (await runCommand(systemBinary('ldapsearch', 'ldap-utils'), args, { env: ldapToolEnv })).code === 0;
      },
    });

    return {
      url: `ldap://127.0.0.1:${service.port}`,
      port: service.port,
      ldapsUrl: ldapsPort ? `ldaps://127.0.0.1:${ldapsPort}` : undefined,
      suffix,
      adminDN,
      adminPassword,
      dir,
      policyDN,
      get pid() {
        return service.pid;
      },
      async stop() {
        await service.stop();
        await removeTempDir(dir);
      },
      kill: () => service.kill(),
      restart: () => service.restart(),
    };
  } catch (error) {
    await removeTempDir(dir);
    throw error;
  }
}

async function loadRecords(files: string[], suffix: string, policyDN: string, policy: PasswordPolicy): Promise<LdifRecord[]> {
  const records: LdifRecord[] = [];
  for (const file of files) records.push(...parseLdifRecords(await readFile(file, 'utf8')));
  const has = (dn: string): boolean => records.some((record) => normalDn(record.dn) === normalDn(dn));
  // The suffix entry first: slapadd needs every parent before its children.
  const head = has(suffix) ? [] : [suffixEntry(suffix)];
  const tail = has(policyDN) ? [] : [passwordPolicyEntry(policyDN, policy)];
  return [...head, ...records, ...tail];
}

async function slapadd(dir: string, configFile: string, records: LdifRecord[]): Promise<void> {
  const file = join(dir, 'loaded.ldif');
  await writeFile(file, records.map((record) => record.text).join('\n\n') + '\n');
  // -q skips consistency checks: fast for benchmark-sized directories, and slapd's own start checks the result.
  const result = await runCommand(systemBinary('slapadd', 'slapd'), ['-q', '-f', configFile, '-l', file]);
  if (result.code !== 0) throw new Error(`slapadd exited ${String(result.code)}:\n${result.stderr.trim()}`);
}
