import { parseDuration } from '../config/duration.js';

/**
 * The start of a report: a duration back from now (`7d`, `24h`), a date (`2030-01-01`, midnight UTC) or a full ISO
 * time. Undefined when it is none of these.
 */
export function parseSince(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  const back = /^\d+(\.\d+)?\s*(ms|s|m|h|d)$/.test(trimmed) ? parseDuration(trimmed) : null;
  if (back !== null) return now - back;
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const day = Date.parse(`${trimmed}T00:00:00Z`);
    return Number.isNaN(day) ? undefined : day;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) {
    const time = Date.parse(trimmed);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}
