import { OneTimeCodeUsers } from '../common/bench-totp.js';
import { BENCH_USER_PASSWORD } from '../ldap/generate-users.js';
import { benchLemonLdapOptions } from '../peers/bench-lemonldap.js';
import { startLemonLdap, type LemonLdap } from '../peers/lemonldap.js';
import { llngSignIn } from '../peers/llng-sign-in.js';
import { userPools } from './bench-setup.js';
import type { RequestRecorder } from '../signin/request-log.js';
import type { Contestant } from './contestant.js';
import type { Peer } from './run-matrix.js';

/** llngSignIn counts its requests rather than timing each: they go into the window's count, untimed. */
function countRequests(log: RequestRecorder, portal: LemonLdap, requests: number): void {
  const url = new URL('/llng', portal.connectUrl);
  for (let i = 0; i < requests; i++) log.add('LemonLDAP::NG', url, 0);
}

/**
 * LemonLDAP::NG 2.16 (bench/peers/lemonldap.ts) on the same slapd, as two portals: one signing in with the
 * password only, one with TOTP required (the bench keys registered for the TOTP pool), since 2.16 asks every user
 * of a portal for the second factor once it is on. Answers why not when it cannot run here (startLemonLdap says
 * what is missing: the packages, or root).
 */
export async function startLemonLdapPeer(ldapUrl: string, maxConcurrency: number): Promise<(Peer & { description: string; stop(): Promise<void> }) | { reason: string }> {
  const pools = userPools('ldap', maxConcurrency);
  const portals: LemonLdap[] = [];
  const stop = async () => {
    for (const portal of portals) await portal.stop().catch(() => {});
  };
  try {
    const plain = await startLemonLdap(benchLemonLdapOptions(ldapUrl));
    portals.push(plain);
    const totp = await startLemonLdap(benchLemonLdapOptions(ldapUrl, { totp: true, totpLogins: pools.totp }));
    portals.push(totp);
    const password = BENCH_USER_PASSWORD;
    const users = new OneTimeCodeUsers(pools.totp);
    const base = { contender: 'lemonldap-ng', directory: 'ldap', store: 'embedded' } as const;
    const contestants: Contestant[] = [
      { ...base, path: 'password', signIn: async (index, log) => countRequests(log, plain, await llngSignIn(new URL(plain.connectUrl), plain.hostHeader, { login: pools.plain[index % pools.plain.length]!, password })), serverPids: plain.pids },
      { ...base, path: 'totp', signIn: async (_index, log) => countRequests(log, totp, await llngSignIn(new URL(totp.connectUrl), totp.hostHeader, { ...(await users.take()), password })), serverPids: totp.pids },
    ];
    return { contestants, description: 'LemonLDAP::NG 2.16 (Debian), llng-fastcgi-server with 7 workers behind nginx, sessions in files, on the same slapd', stop };
  } catch (error) {
    await stop();
    return { reason: (error as Error).message.split('\n', 1)[0]! };
  }
}
