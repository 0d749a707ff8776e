import { createNetworkSet, networkSetHas, parseIp, type NetworkSet } from './network-set.js';

/**
 * The client's address as policy should see it. X-Forwarded-For is believed only from trusted proxies: starting
 * at the peer, each trusted hop hands over to the address it forwarded for, right to left, and the first address
 * that is not a trusted proxy is the client. An entry that is not an address ends the walk and is returned as it
 * is, so that it matches no named location. When every hop is trusted, the leftmost entry is the client.
 *
 * @param trustedProxies config `trustedProxies` (CIDRs), or a set compiled once with trustedProxySet().
 */
export function clientIpFrom(
  peerIp: string,
  xForwardedFor: string | readonly string[] | undefined | null,
  trustedProxies: readonly string[] | NetworkSet,
): string {
  const trusted = 'v4' in trustedProxies ? trustedProxies : trustedProxySet(trustedProxies);
  let current = normalize(peerIp);
  if (!isTrusted(trusted, current) || !xForwardedFor) return current;
  const hops = (typeof xForwardedFor === 'string' ? [xForwardedFor] : xForwardedFor)
    .flatMap((header) => header.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    current = normalize(hops[i]!);
    if (!isTrusted(trusted, current)) return current;
  }
  return current;
}

/** Compiles config `trustedProxies` once, for callers that resolve many requests. */
export function trustedProxySet(cidrs: readonly string[]): NetworkSet {
  return createNetworkSet(cidrs).set;
}

function isTrusted(trusted: NetworkSet, address: string): boolean {
  const ip = parseIp(address);
  return ip !== null && networkSetHas(trusted, ip);
}

/** Drops a port ("1.2.3.4:5678", "[2001:db8::1]:443") and brackets, which some proxies add. */
function normalize(entry: string): string {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  if (v4WithPort) return v4WithPort[1]!;
  return text;
}
