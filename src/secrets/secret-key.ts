import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The cluster's secret: from config, else GATEHOUSE_SECRET_KEY, else generated once into dataDir/secret.key.
 * Every node of a cluster needs the same one (cookies are signed and MFA secrets sealed with keys derived from it).
 */
export function loadSecretKey(options: { configured: string | null; env: NodeJS.ProcessEnv; dataDir: string }): Buffer {
  const given = options.configured ?? options.env.GATEHOUSE_SECRET_KEY;
  if (given) {
    if (given.length < 32) throw new Error('secrets.key: must be at least 32 characters');
    return Buffer.from(given, 'utf8');
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = join(options.dataDir, 'secret.key');
  try {
    // 'wx' creates only when absent, so two nodes starting together keep whichever key was written first.
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new Error(`${file}: the secret key is damaged (too short); restore it from backup`);
  return Buffer.from(key, 'utf8');
}

/** A key for one purpose, derived from the secret so that no two uses share a key. */
export function deriveKey(secret: Buffer, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `gatehouse:${purpose}`, length));
}
