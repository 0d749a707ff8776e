import type { TimeWindow, Weekday } from './types.js';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A moment as seen on a wall clock of one zone: weekday 0 = Monday, minute of the day. */
export interface LocalTime {
  weekday: number;
  minute: number;
}

/** Reads the wall clock of one zone. */
export type ZoneClock = (now: Date) => LocalTime;

export interface CompiledTimeWindow {
  /** Bit i set: weekday i (Monday = 0) opens a window. */
  days: number;
  from: number;
  to: number;
  clock: ZoneClock;
}

/** Whether Intl knows the zone (an IANA name such as Europe/Stockholm, or UTC). */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "HH:MM" to minutes of the day; "24:00" only when allowed (as the end of a window). */
export function parseClockTime(text: string, allowEndOfDay: boolean): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (allowEndOfDay && hours === 24 && minutes === 0) return 1440;
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

const QUARTER_HOUR = 900_000;

/**
 * A clock for one zone. Asking Intl costs microseconds, so the zone's UTC offset is remembered per quarter hour of
 * UTC: every offset change of the tz database falls on a quarter hour, and offsets are whole minutes.
 */
export function createZoneClock(zone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const offsets = new Map<number, number>();
  return (now) => {
    const ms = now.getTime();
    const quarter = Math.floor(ms / QUARTER_HOUR);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      offset = offsetMinutes(format, quarter * QUARTER_HOUR);
      if (offsets.size >= 4096) offsets.clear();
      offsets.set(quarter, offset);
    }
    const local = Math.floor(ms / 60_000) + offset;
    const day = Math.floor(local / 1440);
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    return { weekday: (((day + 3) % 7) + 7) % 7, minute: local - day * 1440 };
  };
}

function offsetMinutes(format: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!);
  return Math.round((wall - ms) / 60_000);
}

/** Compiles a validated window; clocks are shared per zone through `clocks`. */
export function compileTimeWindow(window: TimeWindow, clocks: Map<string, ZoneClock>): CompiledTimeWindow {
  let clock = clocks.get(window.zone);
  if (!clock) clocks.set(window.zone, (clock = createZoneClock(window.zone)));
  const days = window.days.reduce((mask, day) => mask | (1 << WEEKDAYS.indexOf(day)), 0);
  const from = window.from === null ? 0 : parseClockTime(window.from, false)!;
  const to = window.to === null ? 1440 : parseClockTime(window.to, true)!;
  return { days, from, to, clock };
}

/** Whether the local time falls in the window; a window crossing midnight belongs to the day it opens. */
export function timeWindowContains(window: CompiledTimeWindow, local: LocalTime): boolean {
  const today = (window.days >> local.weekday) & 1;
  if (window.from < window.to) return today === 1 && local.minute >= window.from && local.minute < window.to;
  const yesterday = (window.days >> ((local.weekday + 6) % 7)) & 1;
  return (today === 1 && local.minute >= window.from) || (yesterday === 1 && local.minute < window.to);
}

/** "mon-fri 08:00-18:00 Europe/Stockholm", for explanations. */
export function describeTimeWindow(window: TimeWindow): string {
  const hours = window.from === null ? 'all day' : `${window.from}-${window.to}`;
  return `${describeDays(window.days)} ${hours} ${window.zone}`;
}

export function describeLocalTime(local: LocalTime, zone: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[local.weekday]} ${pad(Math.floor(local.minute / 60))}:${pad(local.minute % 60)} ${zone}`;
}

function describeDays(days: readonly Weekday[]): string {
  const indexes = [...new Set(days.map((d) => WEEKDAYS.indexOf(d)))].sort((a, b) => a - b);
  if (indexes.length === 7) return 'every day';
  const runs: string[] = [];
  for (let i = 0; i < indexes.length; ) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${WEEKDAYS[indexes[i]!]}-${WEEKDAYS[indexes[j]!]}` : indexes.slice(i, j + 1).map((d) => WEEKDAYS[d]).join(', '));
    i = j + 1;
  }
  return runs.join(', ');
}
