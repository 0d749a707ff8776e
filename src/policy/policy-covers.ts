import { networkSetCovers, networkSetsDisjoint, type NetworkSet } from './network-set.js';
import type { LocationCondition, PolicyDefinition, TimeWindow, UserAssignment } from './types.js';

/**
 * Whether `broad` matches every sign-in `narrow` matches. Conservative: false when it cannot tell, so that lint
 * never claims a shadow that is not there.
 */
export function coversPolicy(broad: PolicyDefinition, narrow: PolicyDefinition, locations: ReadonlyMap<string, NetworkSet>): boolean {
  const b = broad.conditions;
  const n = narrow.conditions;
  return (
    coversApplications(broad, narrow) &&
    coversUsers(broad.users, narrow.users) &&
    coversLocations(b.locations, n.locations, locations) &&
    (b.devices === undefined || (n.devices !== undefined && n.devices.known === b.devices.known)) &&
    coversList(b.methods, n.methods) &&
    coversList(b.clients, n.clients) &&
    coversList(b.requestedContext, n.requestedContext) &&
    (b.time === undefined || (n.time !== undefined && sameWindow(b.time, n.time)))
  );
}

function coversApplications(broad: PolicyDefinition, narrow: PolicyDefinition): boolean {
  const b = broad.applications;
  const n = narrow.applications;
  if (n.include === 'all') return b.include === 'all' && b.exclude.every((id) => n.exclude.includes(id));
  return n.include.every((id) => n.exclude.includes(id) || ((b.include === 'all' || b.include.includes(id)) && !b.exclude.includes(id)));
}

function coversUsers(b: UserAssignment, n: UserAssignment): boolean {
  // Everyone n keeps out b may keep out too; whoever n lets in, b must let in.
  if (!subset(b.exclude.users, n.exclude.users) || !subset(b.exclude.groups, n.exclude.groups)) return false;
  if (b.include === 'all') return true;
  return n.include !== 'all' && subset(n.include.users, b.include.users) && subset(n.include.groups, b.include.groups);
}

function coversLocations(b: LocationCondition | undefined, n: LocationCondition | undefined, sets: ReadonlyMap<string, NetworkSet>): boolean {
  if (b === undefined) return true;
  const narrow = n ?? { include: ['any'], exclude: [] };
  const includes =
    b.include.includes('any') ||
    (!narrow.include.includes('any') && narrow.include.every((name) => b.include.some((wide) => wide === name || within(sets, name, wide))));
  // Whatever broad keeps out, narrow must keep out too, or never let in.
  const excludes = b.exclude.every(
    (name) =>
      narrow.exclude.includes(name) ||
      narrow.exclude.some((wide) => within(sets, name, wide)) ||
      (!narrow.include.includes('any') && narrow.include.every((inside) => disjoint(sets, inside, name))),
  );
  return includes && excludes;
}

function disjoint(sets: ReadonlyMap<string, NetworkSet>, a: string, b: string): boolean {
  const x = sets.get(a);
  const y = sets.get(b);
  return x !== undefined && y !== undefined && networkSetsDisjoint(x, y);
}

function within(sets: ReadonlyMap<string, NetworkSet>, inner: string, outer: string): boolean {
  const a = sets.get(inner);
  const b = sets.get(outer);
  return a !== undefined && b !== undefined && networkSetCovers(b, a);
}

function coversList<T>(broad: readonly T[] | undefined, narrow: readonly T[] | undefined): boolean {
  return broad === undefined || (narrow !== undefined && narrow.every((x) => broad.includes(x)));
}

function sameWindow(a: TimeWindow, b: TimeWindow): boolean {
  return a.from === b.from && a.to === b.to && a.zone === b.zone && a.days.length === b.days.length && a.days.every((d) => b.days.includes(d));
}

/** Whether every name of `a` is in `b`, ignoring case (as users and groups are compared). */
export function subset(a: readonly string[], b: readonly string[]): boolean {
  const lower = new Set(b.map((x) => x.toLowerCase()));
  return a.every((x) => lower.has(x.toLowerCase()));
}
