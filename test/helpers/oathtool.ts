import { runCommand } from './run-command.js';
import { systemBinary } from './system-binary.js';

/**
 * A TOTP code from oathtool (Debian package oathtool): a generator nobody here wrote. `epochSeconds` is the time
 * to generate for, so tests on a fake clock ask for exactly the step they mean.
 */
export async function oathtoolTotp(base32Secret: string, epochSeconds: number, options: { digits?: number; algorithm?: 'sha1' | 'sha256' | 'sha512' } = {}): Promise<string> {
  const args = [`--totp=${options.algorithm ?? 'sha1'}`, '--base32', `--digits=${options.digits ?? 6}`, `--now=@${Math.floor(epochSeconds)}`, base32Secret.replace(/\s+/g, '')];
  const result = await runCommand(systemBinary('oathtool', 'oathtool'), args, { timeoutMs: 10_000 });
  if (result.code !== 0) throw new Error(`oathtool failed (${result.code}): ${result.stderr.trim()}`);
  return result.stdout.trim();
}
