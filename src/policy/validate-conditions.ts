import type { KeyPath } from './policy-problem.js';
import { isValidTimeZone, parseClockTime, WEEKDAYS } from './time-window.js';
import type { AssuranceLevel, ClientKind, LocationCondition, PolicyConditions, PrimaryMethod, TimeWindow } from './types.js';
import { hint, type ValidationReader } from './validation-reader.js';

export const CONDITIONS = ['locations', 'devices', 'methods', 'clients', 'requestedContext', 'time'] as const;
export const PRIMARY_METHODS: readonly PrimaryMethod[] = ['password', 'passwordless'];
export const CLIENT_KINDS: readonly ClientKind[] = ['browser', 'other'];
export const ASSURANCE_LEVELS: readonly AssuranceLevel[] = ['pwd', 'mfa', 'phr'];

/** Validates `conditions` of one policy; `locationNames` are the names config `locations` defines. */
export function validateConditions(
  reader: ValidationReader,
  value: unknown,
  path: KeyPath,
  locationNames: readonly string[],
): PolicyConditions {
  if (value === undefined || value === null) return {};
  const input = reader.mapping(value, path, CONDITIONS, 'condition');
  if (!input) return {};
  const conditions: PolicyConditions = {};
  if (input.locations !== undefined) {
    const locations = validateLocations(reader, input.locations, [...path, 'locations'], locationNames);
    if (locations) conditions.locations = locations;
  }
  if (input.devices !== undefined) {
    const devices = reader.mapping(input.devices, [...path, 'devices'], ['known']);
    if (devices && devices.known === undefined) reader.error([...path, 'devices'], 'needs known: true or known: false');
    const known = devices?.known === undefined ? null : reader.boolean(devices.known, [...path, 'devices', 'known']);
    if (known !== null) conditions.devices = { known };
  }
  if (input.methods !== undefined) conditions.methods = reader.oneOfEach(input.methods, [...path, 'methods'], PRIMARY_METHODS, 'method');
  if (input.clients !== undefined) conditions.clients = reader.oneOfEach(input.clients, [...path, 'clients'], CLIENT_KINDS, 'client type');
  if (input.requestedContext !== undefined) {
    conditions.requestedContext = reader.oneOfEach(input.requestedContext, [...path, 'requestedContext'], ASSURANCE_LEVELS, 'context');
  }
  if (input.time !== undefined) {
    const time = validateTimeWindow(reader, input.time, [...path, 'time']);
    if (time) conditions.time = time;
  }
  return conditions;
}

function validateLocations(reader: ValidationReader, value: unknown, path: KeyPath, locationNames: readonly string[]): LocationCondition | null {
  if (Array.isArray(value)) {
    reader.error(path, 'must be a mapping: locations: { include: [...] } or { exclude: [...] }');
    return null;
  }
  const input = reader.mapping(value, path, ['include', 'exclude']);
  if (!input) return null;
  if (input.include === undefined && input.exclude === undefined) {
    reader.error(path, 'needs include or exclude (named locations, or any)');
    return null;
  }
  const names = (key: 'include' | 'exclude'): string[] => {
    if (input[key] === undefined) return key === 'include' ? ['any'] : [];
    const list = input[key] === 'any' ? ['any'] : reader.names(input[key], [...path, key]);
    list.forEach((name, i) => {
      if (name !== 'any' && !locationNames.includes(name)) {
        const known = locationNames.length ? `config locations: ${locationNames.join(', ')}` : 'config defines no locations';
        reader.error([...path, key, i], `unknown location "${name}" (${known}; or any)${hint(name, locationNames)}`);
      }
    });
    return list;
  };
  return { include: names('include'), exclude: names('exclude') };
}

function validateTimeWindow(reader: ValidationReader, value: unknown, path: KeyPath): TimeWindow | null {
  const input = reader.mapping(value, path, ['days', 'from', 'to', 'zone']);
  if (!input) return null;
  const before = reader.problems.length;
  const days = input.days === undefined ? [...WEEKDAYS] : reader.oneOfEach(input.days, [...path, 'days'], WEEKDAYS, 'day');
  const clock = (key: 'from' | 'to'): string | null => {
    const text = input[key];
    if (text === undefined) return null;
    if (typeof text !== 'string' || parseClockTime(text, key === 'to') === null) {
      reader.error([...path, key], `bad time window: ${key} must be a time "HH:MM" such as "08:00"${key === 'to' ? ' (or "24:00")' : ''}, in quotes`);
      return null;
    }
    return text;
  };
  const from = clock('from');
  const to = clock('to');
  if ((input.from === undefined) !== (input.to === undefined)) {
    reader.error([...path, input.from === undefined ? 'to' : 'from'], 'bad time window: give both from and to (or neither, for whole days)');
  } else if (from !== null && to !== null && parseClockTime(from, false) === parseClockTime(to, true)) {
    reader.error([...path, 'to'], 'bad time window: from and to are the same time, so the window is empty (omit both for whole days)');
  }
  let zone = 'UTC';
  if (input.zone !== undefined) {
    if (typeof input.zone === 'string' && isValidTimeZone(input.zone)) zone = input.zone;
    else reader.error([...path, 'zone'], `bad time window: unknown time zone "${String(input.zone)}" (use an IANA name such as Europe/Stockholm)`);
  }
  return reader.problems.length === before ? { days, from, to, zone } : null;
}
