import type { Check, EvaluationScratch } from './compiled-types.js';
import { networkSetHas, parseIp, type NetworkSet, type ParsedIp } from './network-set.js';
import { compileTimeWindow, describeLocalTime, describeTimeWindow, timeWindowContains, type ZoneClock } from './time-window.js';
import type { LocationCondition, PolicyConditions, TimeWindow, UserAssignment } from './types.js';

/** Every check of one policy's users and conditions, in reading order. */
export function compileChecks(
  users: UserAssignment,
  conditions: PolicyConditions,
  locations: ReadonlyMap<string, NetworkSet>,
  clocks: Map<string, ZoneClock>,
): Check[] {
  const checks: Check[] = [];
  if (users.include !== 'all' || users.exclude.users.length > 0 || users.exclude.groups.length > 0) checks.push(compileUsers(users));
  if (conditions.locations) checks.push(compileLocations(conditions.locations, locations));
  if (conditions.devices) checks.push(compileDevices(conditions.devices.known));
  if (conditions.methods) checks.push(compileList(conditions.methods, (s) => s.context.method, 'primary method'));
  if (conditions.clients) checks.push(compileList(conditions.clients, (s) => s.context.client, 'client type'));
  if (conditions.requestedContext) {
    checks.push(compileList(conditions.requestedContext, (s) => s.context.requestedContext, 'the application asked for'));
  }
  if (conditions.time) checks.push(compileTime(conditions.time, clocks));
  return checks;
}

function compileUsers(users: UserAssignment): Check {
  const includeAll = users.include === 'all';
  const includeUsers = lowerSet(users.include === 'all' ? [] : users.include.users);
  const includeGroups = lowerList(users.include === 'all' ? [] : users.include.groups);
  const excludeUsers = lowerSet(users.exclude.users);
  const excludeGroups = lowerList(users.exclude.groups);
  const hasExclusions = excludeUsers.size > 0 || excludeGroups.length > 0;
  return (s, why) => {
    const login = s.context.user.login;
    if (!includeAll) {
      if (isNamed(s, includeUsers)) why?.push(`user ${login} is included by name`);
      else {
        const group = firstGroup(s, includeGroups);
        if (group === null) {
          why?.push(`user ${login} is neither named nor in a group in include`);
          return false;
        }
        why?.push(`user ${login} is in group ${group} (included)`);
      }
    } else why?.push('all users are included');
    if (!hasExclusions) return true;
    if (isNamed(s, excludeUsers)) {
      why?.push(`user ${login} is excluded by name`);
      return false;
    }
    const excluded = firstGroup(s, excludeGroups);
    if (excluded !== null) {
      why?.push(`user ${login} is in group ${excluded} (excluded)`);
      return false;
    }
    why?.push(`user ${login} is not excluded`);
    return true;
  };
}

function compileLocations(condition: LocationCondition, named: ReadonlyMap<string, NetworkSet>): Check {
  const lookUp = (name: string) => {
    const set = named.get(name);
    if (!set) throw new TypeError(`unknown location "${name}" (validate policies before compiling them)`);
    return { name, set };
  };
  const includeAny = condition.include.includes('any');
  const include = condition.include.filter((n) => n !== 'any').map(lookUp);
  const excludeAny = condition.exclude.includes('any');
  const exclude = condition.exclude.filter((n) => n !== 'any').map(lookUp);
  const includeNames = include.map((l) => l.name).join(' or ');
  const excludeNames = exclude.map((l) => l.name).join(' or ');
  return (s, why) => {
    if (excludeAny) {
      why?.push('every location is excluded (exclude: any)');
      return false;
    }
    const ip = clientIp(s);
    const shown = s.context.clientIp;
    if (ip === null) why?.push(`client IP "${shown}" is not a valid address, so it is in no named location`);
    if (!includeAny) {
      const inside = ip === null ? undefined : include.find((l) => networkSetHas(l.set, ip));
      if (!inside) {
        if (ip !== null) why?.push(`client IP ${shown} is not in ${includeNames} (included)`);
        return false;
      }
      why?.push(`client IP ${shown} is in ${inside.name} (included)`);
    } else if (exclude.length === 0) why?.push('any location is included');
    if (exclude.length === 0) return true;
    const outside = ip === null ? undefined : exclude.find((l) => networkSetHas(l.set, ip));
    if (outside) {
      why?.push(`client IP ${shown} is in ${outside.name} (excluded)`);
      return false;
    }
    if (ip !== null) why?.push(`client IP ${shown} is not in ${excludeNames} (excluded)`);
    return true;
  };
}

function compileDevices(known: boolean): Check {
  const wanted = known ? 'known devices' : 'unknown devices';
  return (s, why) => {
    const ok = s.context.deviceKnown === known;
    why?.push(`the device is ${s.context.deviceKnown ? 'known' : 'unknown'} (the policy applies to ${wanted})`);
    return ok;
  };
}

function compileList<T extends string>(allowed: readonly T[], read: (s: EvaluationScratch) => T | null, label: string): Check {
  const listed = allowed.join(', ') || 'nothing';
  return (s, why) => {
    const value = read(s);
    const ok = value !== null && allowed.includes(value);
    if (why) why.push(`${label} ${value ?? 'nothing'}, ${ok ? 'which is' : 'not'} one of: ${listed}`);
    return ok;
  };
}

function compileTime(window: TimeWindow, clocks: Map<string, ZoneClock>): Check {
  const compiled = compileTimeWindow(window, clocks);
  const described = describeTimeWindow(window);
  return (s, why) => {
    const local = compiled.clock(s.context.now);
    const ok = timeWindowContains(compiled, local);
    why?.push(`${describeLocalTime(local, window.zone)} is ${ok ? 'within' : 'outside'} ${described}`);
    return ok;
  };
}

function lowerSet(names: readonly string[]): ReadonlySet<string> {
  return new Set(lowerList(names));
}

function lowerList(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.toLowerCase()))];
}

function isNamed(s: EvaluationScratch, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  s.login ??= s.context.user.login.toLowerCase();
  s.id ??= s.context.user.id.toLowerCase();
  return names.has(s.login) || names.has(s.id);
}

/** The user's group (as the directory spells it) equal to the first of the lower-case names; null when none is. */
function firstGroup(s: EvaluationScratch, groups: readonly string[]): string | null {
  // A scan with a length filter beats building a lower-case set of the user's groups on every evaluation.
  const mine = s.context.user.groups;
  for (const group of groups) {
    for (const candidate of mine) {
      if (candidate.length === group.length && equalsLowerCase(candidate, group)) return candidate;
    }
  }
  return null;
}

/** `text` equals the lower-case `lower` ignoring case, without allocating for ASCII text. */
function equalsLowerCase(text: string, lower: string): boolean {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c > 127) return text.toLowerCase() === lower;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

function clientIp(s: EvaluationScratch): ParsedIp | null {
  if (s.ip === undefined) s.ip = parseIp(s.context.clientIp);
  return s.ip;
}
