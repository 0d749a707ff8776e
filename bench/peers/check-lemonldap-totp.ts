/**
 * Proves that the LemonLDAP::NG peer really enforces TOTP before it is measured, and finds out how it treats a
 * code used twice: `node --import tsx bench/peers/check-lemonldap-totp.ts [--devices 3000]` (root).
 * slapd with --devices users, all but the last with a pre-registered device; prints one line per check and exits
 * non-zero if one that must hold does not.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSlapd } from '../../test/helpers/slapd.js';
import { makeTempDir, removeTempDir } from '../../test/helpers/temp-dir.js';
import { totpCodeOf } from '../common/bench-totp.js';
import { BENCH_SUFFIX, BENCH_USER_PASSWORD, benchLdif, loginOf } from '../ldap/generate-users.js';
import { benchLemonLdapOptions } from './bench-lemonldap.js';
import { startLemonLdap } from './lemonldap.js';
import { llngSignIn, type LlngUser } from './llng-sign-in.js';

const { values } = parseArgs({ options: { devices: { type: 'string', default: '3000' } } });
const users = Number(values.devices);
const enrolled = Array.from({ length: users - 1 }, (_, i) => loginOf(i + 1));
const notEnrolled = loginOf(users);

const ldifDir = await makeTempDir('gatehouse-peer-ldif-');
await writeFile(join(ldifDir, 'users.ldif'), benchLdif(users));
const slapd = await startSlapd({ ldif: [join(ldifDir, 'users.ldif')], suffix: BENCH_SUFFIX });
let failed = 0;
try {
  const started = performance.now();
  const llng = await startLemonLdap(benchLemonLdapOptions(slapd.url, { totp: true, totpLogins: enrolled, workers: 2 }));
  console.log(`LemonLDAP::NG up with ${enrolled.length} TOTP devices in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const connect = new URL(llng.connectUrl);
  const attempt = async (user: LlngUser): Promise<string> => {
    try {
      return `signed in (${await llngSignIn(connect, llng.hostHeader, user)} requests)`;
    } catch (error) {
      return `refused: ${(error as Error).message.slice(0, 160)}`;
    }
  };
  const expect = async (what: string, user: LlngUser, outcome: 'signed in' | 'refused' | 'either') => {
    const said = await attempt(user);
    const ok = outcome === 'either' || said.startsWith(outcome);
    if (!ok) failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${said}`);
    return said;
  };
  try {
    const [a, b, c] = [enrolled[0]!, enrolled[1]!, enrolled[enrolled.length - 1]!];
    const now = Date.now() / 1000;
    await expect('right code', { login: a, password: BENCH_USER_PASSWORD, code: totpCodeOf(a, now) }, 'signed in');
    await expect('same code again, same 30 s step (replay)', { login: a, password: BENCH_USER_PASSWORD, code: totpCodeOf(a, now) }, 'either');
    await expect('code of the previous step (range 1)', { login: c, password: BENCH_USER_PASSWORD, code: totpCodeOf(c, now - 30) }, 'signed in');
    await expect('code of 3 steps ago', { login: b, password: BENCH_USER_PASSWORD, code: totpCodeOf(b, now - 90) }, 'refused');
    const wrong = String((Number(totpCodeOf(b, now)) + 1) % 1_000_000).padStart(6, '0');
    await expect('wrong code', { login: b, password: BENCH_USER_PASSWORD, code: wrong }, 'refused');
    await expect('another user’s code', { login: b, password: BENCH_USER_PASSWORD, code: totpCodeOf(c, now) }, 'refused');
    await expect('empty code', { login: b, password: BENCH_USER_PASSWORD, code: '' }, 'refused');
    await expect('wrong password, right code', { login: b, password: 'wrong', code: totpCodeOf(b, now) }, 'refused');
    await expect('user without a device, password only', { login: notEnrolled, password: BENCH_USER_PASSWORD }, 'refused');
  } finally {
    await llng.stop();
  }
} finally {
  await slapd.stop();
  await removeTempDir(ldifDir);
}
process.exitCode = failed ? 1 : 0;
