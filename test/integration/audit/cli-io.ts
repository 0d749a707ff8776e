import { Readable } from 'node:stream';
import type { CliIo } from '../../../src/cli/types.js';

/** A CliIo that keeps what a verb printed. */
export function captureIo(env: NodeJS.ProcessEnv = {}, stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => void stdout.push(line), err: (line) => void stderr.push(line), stdin: Readable.from([stdin]), env };
}
