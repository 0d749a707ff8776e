import { createHash, randomBytes } from 'node:crypto';

export const BENCH_SUFFIX = 'dc=bench,dc=test';
export const BENCH_PEOPLE = `ou=people,${BENCH_SUFFIX}`;
export const BENCH_SERVICE = { dn: `cn=gatehouse,${BENCH_SUFFIX}`, password: 'gatehouse-bench-secret' };
export const BENCH_USER_PASSWORD = 'correct horse battery staple';
/** Entries were last changed long before the benchmark, as in a directory in use for years. */
export const OLD_TIMESTAMP = '20250101000000Z';

/** `{SSHA}` as slapd stores it: the directory checks it on bind, cheaply (hashing is the embedded directory's cost). */
function ssha(password: string): string {
  const salt = randomBytes(8);
  return `{SSHA}${Buffer.concat([createHash('sha1').update(password).update(salt).digest(), salt]).toString('base64')}`;
}

export const loginOf = (i: number): string => `user${String(i).padStart(6, '0')}`;

/** An LDIF of `count` inetOrgPerson users under ou=people, and the service account, for slapadd. */
export function benchLdif(count: number): string {
  const password = ssha(BENCH_USER_PASSWORD);
  const stamp = `modifyTimestamp: ${OLD_TIMESTAMP}\ncreateTimestamp: ${OLD_TIMESTAMP}`;
  const parts = [
    `dn: ${BENCH_SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: Bench`,
    `dn: ${BENCH_PEOPLE}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ${BENCH_SERVICE.dn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: gatehouse\nuserPassword: ${ssha(BENCH_SERVICE.password)}`,
  ];
  for (let i = 1; i <= count; i++) {
    const login = loginOf(i);
    parts.push(
      `dn: uid=${login},${BENCH_PEOPLE}\nobjectClass: inetOrgPerson\nuid: ${login}\ncn: Bench User ${i}\nsn: User ${i}\ngivenName: Bench\n` +
        `mail: ${login}@bench.test\nemployeeNumber: ${i}\nuserPassword: ${password}\n${stamp}`,
    );
  }
  return parts.join('\n\n') + '\n';
}

/** LDIF changes for `count` users spread over the directory: a new mail address each. */
export function mailChanges(total: number, count: number, round: number): string {
  const step = Math.max(1, Math.floor(total / count));
  const changes: string[] = [];
  for (let n = 0; n < count; n++) {
    const login = loginOf(1 + n * step);
    changes.push(`dn: uid=${login},${BENCH_PEOPLE}\nchangetype: modify\nreplace: mail\nmail: ${login}.r${round}@bench.test`);
  }
  return changes.join('\n\n') + '\n';
}
