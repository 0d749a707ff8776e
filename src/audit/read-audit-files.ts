import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { isRotatedName } from './rotating-file-sink.js';
import type { AuditEvent } from './types.js';

/** A rotated file last written this long before `since` holds nothing newer than `since`: skipped unread. */
const MTIME_SLACK_MS = 3_600_000;

/** What reading found besides the events: the files read and the lines that were not events. */
export interface ReadSummary {
  files: string[];
  badLines: number;
}

/**
 * The files an audit file sink wrote: its rotated copies (oldest first) and the current file. A rotated copy last
 * written well before `since` is left out: every event in it is older.
 */
export async function auditFilesFor(file: string, since?: number): Promise<string[]> {
  const dir = dirname(file);
  const name = basename(file);
  const entries = await readdir(dir).catch(() => [] as string[]);
  const rotated = entries.filter((entry) => isRotatedName(name, entry)).sort();
  const kept: string[] = [];
  for (const entry of rotated) {
    const path = join(dir, entry);
    const info = await stat(path).catch(() => undefined);
    if (info && (since === undefined || info.mtimeMs >= since - MTIME_SLACK_MS)) kept.push(path);
  }
  if (entries.includes(name)) kept.push(file);
  return kept;
}

/** Reads JSON-lines audit files, yielding the events at or after `since` (and before `until`). */
export async function* readAuditEvents(files: string[], period: { since: number; until?: number }, summary: ReadSummary = { files: [], badLines: 0 }): AsyncGenerator<AuditEvent> {
  for (const file of files) {
    summary.files.push(file);
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const event = parseEvent(line);
      if (!event) {
        summary.badLines++;
        continue;
      }
      const time = Date.parse(event.time);
      if (time >= period.since && (period.until === undefined || time < period.until)) yield event;
    }
  }
}

function parseEvent(line: string): AuditEvent | undefined {
  try {
    const value = JSON.parse(line) as Partial<AuditEvent> | null;
    return value && typeof value.event === 'string' && typeof value.time === 'string' && !Number.isNaN(Date.parse(value.time)) ? (value as AuditEvent) : undefined;
  } catch {
    return undefined;
  }
}
