import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startRedis, type RedisServer } from '../../test/helpers/redis-server.js';
import { startSlapd, type Slapd } from '../../test/helpers/slapd.js';
import { makeTempDir, removeTempDir } from '../../test/helpers/temp-dir.js';
import { BENCH_SUFFIX, benchLdif } from '../ldap/generate-users.js';
import { SLAPD_USERS } from './bench-setup.js';

/** slapd with the bench users and a Redis, both on free loopback ports, for every setup and contender alike. */
export async function startSharedServices(): Promise<{ slapd: Slapd; redis: RedisServer; stop(): Promise<void> }> {
  const dir = await makeTempDir('gatehouse-bench-ldif-');
  await writeFile(join(dir, 'users.ldif'), benchLdif(SLAPD_USERS));
  const slapd = await startSlapd({ ldif: [join(dir, 'users.ldif')], suffix: BENCH_SUFFIX });
  const redis = await startRedis().catch(async (error: unknown) => {
    await slapd.stop();
    throw error;
  });
  return {
    slapd,
    redis,
    async stop() {
      await redis.stop().catch(() => {});
      await slapd.stop().catch(() => {});
      await removeTempDir(dir).catch(() => {});
    },
  };
}
