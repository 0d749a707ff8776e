/**
 * Child process of the Redis durability tests: enrolls `count` users one after another the way the TOTP adapter
 * stores an enrollment (a durable record under mfa.totp.registration, through Store.putRecord) and prints each
 * user id only after its putRecord resolved, so every printed id is an acknowledged enrollment. Stops at the first
 * failure (Redis gone), exiting 1.
 *
 * Usage: node --import tsx write-enrollments.ts REDIS_URL PREFIX COUNT
 */
import { createRedisStore } from '../../../src/store/index.js';
import { enrollmentOf } from './enrollment-record.js';

const [url, prefix, count] = process.argv.slice(2);
if (!url || !prefix || !count) {
  process.stderr.write('usage: write-enrollments.ts REDIS_URL PREFIX COUNT\n');
  process.exit(2);
}

const store = await createRedisStore({ url, prefix });
try {
  for (let index = 0; index < Number(count); index += 1) {
    const userId = `user-${index}`;
    await store.putRecord('mfa.totp.registration', userId, enrollmentOf(userId));
    // Writes to a pipe are synchronous on Linux: the line is out before the next enrollment starts.
    process.stdout.write(`${userId}\n`);
  }
} catch (error) {
  process.stderr.write(`write-enrollments: stopped: ${(error as Error).message}\n`);
  process.exit(1);
}
await store.close();
