import { createNetworkSet, networkSetHas, parseIp, type NetworkSet } from '../policy/network-set.js';

/** Names the client's location for the app ("corpnet"), from config `locations`; null when none covers it. */
export function locationNamer(locations: Readonly<Record<string, readonly string[]>>): (ip: string) => string | null {
  const sets: Array<[string, NetworkSet]> = Object.entries(locations).map(([name, cidrs]) => [name, createNetworkSet(cidrs).set]);
  return (ip) => {
    const parsed = parseIp(ip);
    if (!parsed) return null;
    return sets.find(([, set]) => networkSetHas(set, parsed))?.[0] ?? null;
  };
}
