import { hashPassword, verifyPasswordHash } from '../../src/directory/index.js';

/** CPU ms of one embedded-directory password check (scrypt at Gatehouse's parameters), one at a time, in this process. */
export async function scryptCheckMs(checks = 6): Promise<number> {
  const hash = await hashPassword('correct horse battery staple');
  await verifyPasswordHash('correct horse battery staple', hash);
  const before = process.cpuUsage();
  for (let i = 0; i < checks; i++) await verifyPasswordHash('correct horse battery staple', hash);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / checks;
}
