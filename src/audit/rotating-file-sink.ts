import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createStream } from 'rotating-file-stream';
import type { AuditSink } from './types.js';

/** When an audit file is rotated (config `audit.rotate`). */
export interface RotationSettings {
  /** Rotate when the file reaches this size: a number and B, K, M or G, e.g. "100M". */
  size: string | null;
  /** Rotate at this interval: a number and s, m, h or d, e.g. "1d" (at midnight UTC). */
  interval: string | null;
  /** Rotated files kept; older ones are deleted. */
  maxFiles: number;
}

/**
 * Appends each event as a JSON line to a file that rotating-file-stream rotates by size and interval. Rotated files
 * sit beside it as `<name>.<UTC yyyymmdd-hhmmss>[-n]`, which is what `gatehouse report` reads back (rotatedName).
 */
export function createRotatingFileSink(file: string, rotation: RotationSettings, onError: (error: Error) => void = () => {}): AuditSink {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const name = basename(file);
  const stream = createStream((time, index) => (time ? rotatedName(name, time instanceof Date ? time : new Date(time), index) : name), {
    path: dirname(file),
    mode: 0o600,
    history: `.${name}.history`,
    maxFiles: rotation.maxFiles,
    intervalUTC: true,
    ...(rotation.size ? { size: rotation.size } : {}),
    ...(rotation.interval ? { interval: rotation.interval } : {}),
  });
  stream.on('error', onError);
  stream.on('warning', onError);
  return {
    write: (event) => void stream.write(`${JSON.stringify(event)}\n`),
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  };
}

/** `audit.log` rotated at 2030-01-01T00:00Z, second file of that period: `audit.log.20300101-000000-2`. */
export function rotatedName(name: string, time: Date, index = 1): string {
  const stamp = time.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${name}.${stamp}${index > 1 ? `-${index}` : ''}`;
}

/** Whether a file in the audit file's folder is one of its rotated copies. */
export function isRotatedName(name: string, candidate: string): boolean {
  return candidate.startsWith(`${name}.`) && /^\d{8}-\d{6}(-\d+)?$/.test(candidate.slice(name.length + 1));
}
