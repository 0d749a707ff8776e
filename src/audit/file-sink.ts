import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditSink } from './types.js';

/** Appends each event as a JSON line to a file. */
export function createFileSink(file: string): AuditSink {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  return {
    write: (event) => void stream.write(`${JSON.stringify(event)}\n`),
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}
