import type { Readable } from 'node:stream';

/** Where a verb writes and reads; tests give their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
}

/** Exit codes of every verb: 0 done, 1 the operation itself failed, 2 wrong usage or a bad config. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** One verb of the `gatehouse` command, in its own file. */
export interface Verb {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Wrong usage: the message is the one line the CLI prints before exiting 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
