/**
 * LemonLDAP::NG 2.16 (Debian) as a benchmark peer, started and stopped here: its own lemonldap-ng.ini, configuration
 * (lmConf-N.json), sessions and caches in a temp dir; llng-fastcgi-server as www-data on a unix socket in that dir;
 * Debian's nginx with its own -c config (the portal server block of /etc/lemonldap-ng/portal-nginx.conf) on a free
 * loopback port. Nothing under /etc or /var/lib/lemonldap-ng is touched; the driver sends Host headers, no
 * /etc/hosts entry is needed. Needs root (to hand the dir to www-data) and bench/peers/setup-lemonldap.sh.
 * With `totp`, TOTP is required of every user and the given logins' devices are written before it starts.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/helpers/free-port.js';
import { totpSecretOf } from '../common/bench-totp.js';
import { writeTotpDevices } from './llng-totp-devices.js';

export const LLNG_HOST = 'auth.example.com';

export interface LemonLdapOptions {
  ldapUrl: string;
  ldapBase: string;
  managerDn: string;
  managerPassword: string;
  client: { id: string; secret: string; redirectUri: string };
  /** FastCGI workers (Debian's default is 7). */
  workers?: number;
  /**
   * TOTP as the second factor of every sign-in: users without a registered device are sent to a registration page
   * that offers nothing (self-registration off), so they cannot finish. Each of `totpLogins` gets a device with
   * the key totpSecretOf(login) before the portal starts.
   */
  totp?: boolean;
  totpLogins?: readonly string[];
}

export interface LemonLdap {
  /** http://127.0.0.1:PORT: where to connect. */
  readonly connectUrl: string;
  /** auth.example.com:PORT: the Host header to send (the portal's and issuer's authority). */
  readonly hostHeader: string;
  readonly dir: string;
  readonly pids: () => number[];
  stop(): Promise<void>;
}

const CLI = '/usr/share/lemonldap-ng/bin/lemonldap-ng-cli';
const FCGI = '/usr/sbin/llng-fastcgi-server';

/**
 * totp2fActivation 1 becomes the rule has2f("TOTP") (Portal::2F::TOTP::init): asked of users with a device.
 * sfRequired 1 turns everyone else away instead of letting them in with the password alone. The secret stays in
 * clear in the persistent session (totp2fEncryptSecret 0, the default) so that devices can be written directly.
 * Range 1: the codes of the previous and next 30 s steps are accepted too, as in Gatehouse.
 */
const TOTP_REQUIRED = {
  totp2fActivation: 1,
  totp2fSelfRegistration: 0,
  totp2fEncryptSecret: 0,
  totp2fDigits: 6,
  totp2fInterval: 30,
  totp2fRange: 1,
  sfRequired: 1,
};

function sh(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startLemonLdap(options: LemonLdapOptions): Promise<LemonLdap> {
  if (!existsSync(FCGI) || !existsSync('/usr/sbin/nginx')) throw new Error('LemonLDAP::NG or nginx is not installed: run bench/peers/setup-lemonldap.sh as root');
  if (process.getuid?.() !== 0) throw new Error('the LemonLDAP::NG peer needs root (its FastCGI server runs as www-data)');
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-peer-llng-'));
  chmodSync(dir, 0o755);
  for (const sub of ['conf', 'sessions/lock', 'psessions/lock', 'cache', 'run', 'nginx', 'notifications']) mkdirSync(join(dir, sub), { recursive: true });
  const port = await freePort();
  const hostHeader = `${LLNG_HOST}:${port}`;
  const ini = join(dir, 'lemonldap-ng.ini');
  const env = { ...process.env, LLNG_DEFAULTCONFFILE: ini, LLNG_DEFAULTLOGGER: 'Lemonldap::NG::Common::Logger::Std' };
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    writeFileSync(
      ini,
      readFileSync('/etc/lemonldap-ng/lemonldap-ng.ini', 'utf8')
        .replaceAll('/var/lib/lemonldap-ng/conf', join(dir, 'conf'))
        .replaceAll('/var/lib/lemonldap-ng/cache', join(dir, 'cache'))
        .replace(/^logLevel\s*=.*$/m, 'logLevel = error'),
    );
    // The package's initial configuration, then ours merged over it.
    writeFileSync(join(dir, 'conf', 'lmConf-1.json'), readFileSync('/var/lib/lemonldap-ng/conf/lmConf-1.json'));
    sh('openssl', ['genrsa', '-out', join(dir, 'sig.key'), '2048']);
    sh('openssl', ['rsa', '-in', join(dir, 'sig.key'), '-pubout', '-out', join(dir, 'sig.pub')]);
    const storage = (sub: string) => ({ Directory: join(dir, sub), LockDirectory: join(dir, sub, 'lock'), generateModule: 'Lemonldap::NG::Common::Apache::Session::Generate::SHA256' });
    const conf = {
      portal: `http://${hostHeader}/`,
      domain: 'example.com',
      globalStorageOptions: storage('sessions'),
      persistentStorageOptions: { Directory: join(dir, 'psessions'), LockDirectory: join(dir, 'psessions', 'lock') },
      localSessionStorageOptions: { cache_depth: 3, cache_root: join(dir, 'cache'), default_expires_in: 600, directory_umask: '007', namespace: 'lemonldap-ng-sessions' },
      notificationStorageOptions: { dirName: join(dir, 'notifications') },
      authentication: 'LDAP',
      userDB: 'Same',
      passwordDB: 'LDAP',
      registerDB: 'Null',
      ldapServer: options.ldapUrl,
      ldapBase: options.ldapBase,
      managerDn: options.managerDn,
      managerPassword: options.managerPassword,
      ldapExportedVars: { uid: 'uid', cn: 'cn', mail: 'mail' },
      issuerDBOpenIDConnectActivation: 1,
      oidcServiceMetaDataIssuer: `http://${hostHeader}`,
      oidcServicePrivateKeySig: readFileSync(join(dir, 'sig.key'), 'utf8'),
      oidcServicePublicKeySig: readFileSync(join(dir, 'sig.pub'), 'utf8'),
      oidcServiceKeyIdSig: 'bench',
      oidcRPMetaDataOptions: {
        bench: {
          oidcRPMetaDataOptionsClientID: options.client.id,
          oidcRPMetaDataOptionsClientSecret: options.client.secret,
          oidcRPMetaDataOptionsRedirectUris: options.client.redirectUri,
          oidcRPMetaDataOptionsIDTokenSignAlg: 'RS256',
          oidcRPMetaDataOptionsBypassConsent: 1,
          oidcRPMetaDataOptionsPublic: 0,
        },
      },
      oidcRPMetaDataExportedVars: { bench: { email: 'mail', name: 'cn', preferred_username: 'uid' } },
      ...(options.totp ? TOTP_REQUIRED : {}),
    };
    if (options.totp) await writeTotpDevices(join(dir, 'psessions'), (options.totpLogins ?? []).map((login) => ({ login, secret: totpSecretOf(login) })));
    writeFileSync(join(dir, 'merge.json'), JSON.stringify(conf));
    sh('chown', ['-R', 'www-data:www-data', dir]);
    sh(CLI, ['--user=www-data', '--group=www-data', '-yes', '1', 'merge', join(dir, 'merge.json')], env);

    const socket = join(dir, 'run', 'llng-fastcgi.sock');
    const fcgi = spawn(FCGI, ['--foreground', '-u', 'www-data', '-g', 'www-data', '-n', String(options.workers ?? 7), '-s', socket, '-p', join(dir, 'run', 'llng-fastcgi.pid')], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(fcgi);
    let fcgiErr = '';
    fcgi.stderr!.on('data', (chunk: Buffer) => {
      fcgiErr = (fcgiErr + chunk.toString()).slice(-4000);
      if (process.env.LLNG_DEBUG) process.stderr.write(chunk);
    });
    for (let i = 0; !existsSync(socket); i++) {
      if (fcgi.exitCode !== null || i > 300) throw new Error(`llng-fastcgi-server did not start: ${fcgiErr}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const nginxDir = join(dir, 'nginx');
    const nginxConf = join(nginxDir, 'nginx.conf');
    writeFileSync(
      nginxConf,
      `user www-data;
worker_processes 1;
pid ${nginxDir}/nginx.pid;
error_log ${nginxDir}/error.log error;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${nginxDir}/body;
  fastcgi_temp_path ${nginxDir}/fastcgi;
  proxy_temp_path ${nginxDir}/proxy;
  uwsgi_temp_path ${nginxDir}/uwsgi;
  scgi_temp_path ${nginxDir}/scgi;
  upstream llng_portal_upstream { server unix:${socket}; }
  server {
    listen 127.0.0.1:${port};
    server_name ${LLNG_HOST};
    root /usr/share/lemonldap-ng/portal/htdocs/;
    if ($uri !~ ^/((static|javascript|favicon).*|.*\\.psgi)) { rewrite ^/(.*)$ /index.psgi/$1 break; }
    location ~ ^(?<sc>/.*\\.psgi)(?:$|/) {
      include /etc/nginx/fastcgi_params;
      fastcgi_pass llng_portal_upstream;
      fastcgi_param HTTP_HOST $host;
      fastcgi_param LLTYPE psgi;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_split_path_info ^(.*\\.psgi)(/.*)$;
      fastcgi_param PATH_INFO $fastcgi_path_info;
    }
    index index.psgi;
    location /static/ { alias /usr/share/lemonldap-ng/portal/htdocs/static/; }
    location /javascript/ { alias /usr/share/javascript/; }
  }
}
`,
    );
    sh('chown', ['-R', 'www-data:www-data', nginxDir]);
    const nginx = spawn('/usr/sbin/nginx', ['-c', nginxConf, '-e', join(nginxDir, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(nginx);
    let nginxErr = '';
    nginx.stderr!.on('data', (chunk: Buffer) => (nginxErr = (nginxErr + chunk.toString()).slice(-4000)));
    const connectUrl = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (nginx.exitCode !== null || i > 100) throw new Error(`nginx did not start: ${nginxErr}`);
      try {
        await fetch(`${connectUrl}/static/common/favicon.ico`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const pids = () => {
      const found: number[] = [];
      for (const file of [join(dir, 'run', 'llng-fastcgi.pid'), join(nginxDir, 'nginx.pid')]) {
        try {
          found.push(Number(readFileSync(file, 'utf8').trim()));
        } catch {}
      }
      return found;
    };
    return { connectUrl, hostHeader, dir, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
