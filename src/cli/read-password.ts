import type { Readable } from 'node:stream';
import { UsageError } from './types.js';

/** The password from --password, or the first line of standard input with --password-stdin (kept out of shell history). */
export async function readPassword(values: { password?: string | boolean; 'password-stdin'?: string | boolean }, stdin: Readable): Promise<string> {
  if (typeof values.password === 'string' && values['password-stdin']) throw new UsageError('give --password or --password-stdin, not both');
  if (typeof values.password === 'string') return values.password;
  if (!values['password-stdin']) throw new UsageError('a password is needed: --password P or --password-stdin');
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 4096) break;
  }
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError('--password-stdin: standard input held no password');
  return password;
}
