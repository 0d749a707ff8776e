import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { adBaseDN, adRealm, adUsersScript } from '../fixtures/ldap/ad-users.js';
import { ldapToolEnv } from './ldap-search.js';
import { runCommand, type CommandResult } from './run-command.js';
import { startServiceProcess } from './service-process.js';
import { systemBinary } from './system-binary.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';
import { waitUntilReady } from './wait-until-ready.js';

export interface SambaAd {
  /** ldap://127.0.0.1:PORT: a loopback port of this process bridged into the DC's own network namespace. */
  readonly url: string;
  readonly baseDN: string;
  readonly realm: string;
  readonly adminUpn: string;
  readonly adminPassword: string;
  /** The DC's PID (also the network namespace's holder). */
  readonly pid: number | undefined;
  /** Runs a program inside the DC's network namespace (where the DC is on 127.0.0.1:389). */
  exec(command: string, args: string[], input?: string): Promise<CommandResult>;
  stop(): Promise<void>;
}

const adminPassword = 'Admin-Passw0rd!';
const PYTHON = '/usr/bin/python3'; // Debian's: samba's Python modules live there, not in another python3 on PATH

let template: Promise<string> | undefined;

/**
 * Starts a Samba AD domain controller (CORP.EXAMPLE.ORG) filled by test/fixtures/ldap/ad-users.py. Samba's LDAP
 * port is fixed at 389, so each DC runs in a network namespace of its own (`unshare -n`), on 127.0.0.1 there;
 * a small bridge inside the namespace (`nsenter -t PID -n node`) listens on a Unix socket, which this process
 * forwards a free loopback TCP port to. Provisioning takes 15-20 s and happens once per process; each DC then
 * starts from a copy.
 */
export async function startSambaAd(options: { script?: string } = {}): Promise<SambaAd> {
  template ??= provisionTemplate();
  const source = await template;
  const dir = await makeTempDir('gatehouse-samba-');
  const dc = join(dir, 'dc');
  const children: ChildProcess[] = [];
  let proxy: net.Server | undefined;
  try {
    await cp(source, dc, { recursive: true });
    const conf = join(dc, 'etc', 'smb.conf');
    await writeFile(conf, (await readFile(conf, 'utf8')).split(source).join(dc));
    const filled = await runCommand(PYTHON, [options.script ?? adUsersScript, conf, join(dc, 'private', 'sam.ldb')]);
    if (filled.code !== 0) throw new Error(`the AD fixture script failed:\n${filled.stderr.trim()}`);

    const samba = startServiceProcess(systemBinary('unshare', 'util-linux'), ['-n', 'sh', '-c', `${systemBinary('ip', 'iproute2')} link set lo up && exec "$1" -i -M single -s "$2"`, 'sh', systemBinary('samba', 'samba'), conf]);
    const pid = samba.pid!;
    const inNamespace = (command: string, args: string[], input?: string) =>
      runCommand(systemBinary('nsenter', 'util-linux'), ['-t', String(pid), '-n', command, ...args], { env: ldapToolEnv, ...(input !== undefined ? { input } : {}) });
    // The first start generates the DC's TLS keys, which takes a few seconds on a busy machine.
    await waitUntilReady('samba', samba, async () => (await inNamespace(systemBinary('ldapsearch', 'ldap-utils'), ['-x', '-H', 'ldap://127.0.0.1', '-b', '', '-s', 'base', '(objectClass=*)', '1.1'])).code === 0, 90_000);

    const socket = join(dir, 'ldap.sock');
    const bridge = spawn(systemBinary('nsenter', 'util-linux'), ['-t', String(pid), '-n', process.execPath, '-e', BRIDGE, socket], { stdio: 'ignore' });
    children.push(bridge);
    for (let i = 0; !existsSync(socket); i++) {
      if (i > 500 || bridge.exitCode !== null) throw new Error('the LDAP bridge into the DC namespace did not start');
      await sleep(10);
    }
    proxy = net.createServer((client) => {
      const upstream = net.connect(socket);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const { port } = proxy.address() as net.AddressInfo;
    const server = proxy;
    return {
      url: `ldap://127.0.0.1:${port}`,
      baseDN: adBaseDN,
      realm: adRealm,
      adminUpn: `Administrator@${adRealm.toLowerCase()}`,
      adminPassword,
      get pid() {
        return samba.isRunning() ? pid : undefined;
      },
      exec: inNamespace,
      async stop() {
        server.close();
        bridge.kill('SIGTERM');
        await samba.signal('SIGTERM', 20_000);
        await removeTempDir(dir);
      },
    };
  } catch (error) {
    proxy?.close();
    for (const child of children) child.kill('SIGKILL');
    await removeTempDir(dir);
    throw error;
  }
}

// Runs inside the DC's namespace: a Unix socket (files are not namespaced) in front of 127.0.0.1:389.
const BRIDGE = `
const net = require('node:net');
net.createServer((c) => {
  const u = net.connect(389, '127.0.0.1');
  c.pipe(u).pipe(c);
  c.on('error', () => u.destroy());
  u.on('error', () => c.destroy());
}).listen(process.argv[1]);
process.on('SIGTERM', () => process.exit(0));
`;

async function provisionTemplate(): Promise<string> {
  const dir = await makeTempDir('gatehouse-samba-template-');
  const dc = join(dir, 'dc');
  const empty = join(dir, 'empty.conf');
  await writeFile(empty, '');
  const options = {
    interfaces: '127.0.0.1',
    'bind interfaces only': 'yes',
    'server services': 'ldap,cldap,kdc',
    'pid directory': join(dc, 'run'),
    'lock directory': join(dc, 'lock'),
    'state directory': join(dc, 'state'),
    'cache directory': join(dc, 'cache'),
    'log file': join(dc, 'log'),
  };
  const args = [
    '-n', systemBinary('samba-tool', 'samba'), 'domain', 'provision', `--targetdir=${dc}`, '-s', empty,
    `--realm=${adRealm}`, '--domain=CORP', '--server-role=dc', '--dns-backend=NONE', '--use-rfc2307',
    `--adminpass=${adminPassword}`, '--host-name=dc1',
    ...Object.entries(options).map(([key, value]) => `--option=${key}=${value}`),
  ];
  const result = await runCommand(systemBinary('unshare', 'util-linux'), args, { timeoutMs: 300_000 });
  if (result.code !== 0) throw new Error(`samba-tool domain provision failed:\n${(result.stderr || result.stdout).trim().slice(-4000)}`);
  const conf = join(dc, 'etc', 'smb.conf');
  // Simple binds over ldap:// (the bridge is plain TCP; Samba wants TLS or signing by default). No TLS at all:
  // generating its keys on first start costs seconds and nothing here uses ldaps.
  await writeFile(conf, (await readFile(conf, 'utf8')).replace('[global]', '[global]\n\tldap server require strong auth = no\n\ttls enabled = no'));
  return dc;
}
