import { crc32 } from 'node:zlib';

/** One change to the durable records: json is the record's JSON text, or null when the record was deleted. */
export interface RecordChange {
  kind: string;
  id: string;
  json: string | null;
}

/**
 * A log line is `<crc32 as 8 hex digits> <JSON payload>\n`. The checksum tells a line that was written whole from
 * one torn or damaged by a crash, so a reader can refuse it instead of trusting a half-written record.
 */
export function encodeRecordLine(change: RecordChange): Buffer {
  const head = `{"k":${JSON.stringify(change.kind)},"i":${JSON.stringify(change.id)}`;
  const payload = Buffer.from(change.json === null ? `${head},"d":true}` : `${head},"v":${change.json}}`, 'utf8');
  const checksum = crc32(payload).toString(16).padStart(8, '0');
  return Buffer.concat([Buffer.from(`${checksum} `, 'latin1'), payload, Buffer.from('\n', 'latin1')]);
}

/** Decodes a line without its newline; null when the line is damaged or not one of ours. */
export function decodeRecordLine(line: Buffer): RecordChange | null {
  if (line.length < 10 || line[8] !== 0x20) return null;
  const payload = line.subarray(9);
  if (line.toString('latin1', 0, 8) !== crc32(payload).toString(16).padStart(8, '0')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { k, i, v, d } = parsed as Record<string, unknown>;
  if (typeof k !== 'string' || typeof i !== 'string') return null;
  if (d === true) return { kind: k, id: i, json: null };
  return v === undefined ? null : { kind: k, id: i, json: JSON.stringify(v) };
}
