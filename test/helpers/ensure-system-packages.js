#!/usr/bin/env node
// Runs before mocha (npm test): the integration tests start real programs from Debian's packages. Installs the
// missing ones when root, as on CI; otherwise prints the one command to run. Silent when nothing is missing.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, unlinkSync, writeFileSync } from 'node:fs';

/** Program -> the Debian package that ships it (absolute paths: /usr/sbin is not on every user's PATH). */
const programs = [
  ['/usr/bin/redis-server', 'redis-server'],
  ['/usr/sbin/slapd', 'slapd'],
  ['/usr/sbin/slapadd', 'slapd'],
  ['/usr/bin/ldapsearch', 'ldap-utils'],
  ['/usr/bin/ldapadd', 'ldap-utils'],
  ['/usr/bin/ldapwhoami', 'ldap-utils'],
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/bin/oathtool', 'oathtool'],
  ['/usr/bin/xmlsec1', 'xmlsec1'],
  ['/usr/bin/openssl', 'openssl'],
  // Samba AD DC for the Active Directory tests (test/helpers/samba-ad.ts); a library counts when it is readable.
  ['/usr/sbin/samba', 'samba'],
  ['/usr/bin/samba-tool', 'samba'],
  ['/usr/bin/unshare', 'util-linux'],
  ['/usr/bin/nsenter', 'util-linux'],
  ['/usr/sbin/ip', 'iproute2'],
  ['/usr/share/samba/setup/ad-schema', 'samba-ad-provision'],
  [`/usr/lib/${multiarch()}/samba/ldb/samba_dsdb.so`, 'samba-dsdb-modules'],
  [`/usr/lib/${multiarch()}/samba/vfs/acl_xattr.so`, 'samba-vfs-modules'],
];

function multiarch() {
  return process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
}

const policyRcD = '/usr/sbin/policy-rc.d';
const aptInstall = ['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=300'];

function executable(path) {
  try {
    accessSync(path, path.endsWith('.so') ? constants.R_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function missingPackages() {
  return [...new Set(programs.filter(([path]) => !executable(path)).map(([, name]) => name))];
}

function apt(args) {
  // noninteractive: slapd's postinst would otherwise ask for an admin password on a terminal.
  const result = spawnSync('apt-get', ['-q', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    console.error(`ensure-system-packages: apt-get ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(1);
  }
}

// A policy-rc.d that answers 101 forbids maintainer scripts to start services: the tests start their own
// slapd and redis-server on free ports, and a system one on 389 or 6379 would only get in the way.
function withServicesForbidden(install) {
  const ours = !existsSync(policyRcD);
  if (ours) writeFileSync(policyRcD, '#!/bin/sh\n# Made by gatehouse test/helpers/ensure-system-packages.js\nexit 101\n', { mode: 0o755 });
  try {
    install();
  } finally {
    if (ours) unlinkSync(policyRcD);
  }
}

const missing = missingPackages();
if (missing.length > 0) {
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get ${aptInstall.slice(0, 3).join(' ')} ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`Missing system packages for the tests; as root run: ${command}`);
    process.exit(1);
  }
  console.log(`ensure-system-packages: installing ${missing.join(' ')}`);
  withServicesForbidden(() => {
    apt(['update']);
    apt([...aptInstall, ...missing]);
  });
  const still = missingPackages();
  if (still.length > 0) {
    console.error(`ensure-system-packages: still missing after apt-get install: ${still.join(' ')}`);
    process.exit(1);
  }
}
