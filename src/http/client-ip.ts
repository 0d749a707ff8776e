import ipaddr from 'ipaddr.js';

/**
 * The client's IP: the peer, unless the peer is a trusted proxy, in which case X-Forwarded-For is walked from the
 * right, skipping trusted proxies, and the first untrusted address is the client. Nobody else is believed.
 */
export function resolveClientIp(peer: string, forwardedFor: string | undefined, trustedProxies: string[]): string {
  const trusted = trustedProxies.map((cidr) => ipaddr.parseCIDR(cidr.includes('/') ? cidr : `${cidr}/${cidr.includes(':') ? 128 : 32}`));
  const isTrusted = (ip: string) => {
    if (!ipaddr.isValid(ip)) return false;
    const address = ipaddr.process(ip);
    return trusted.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
  };
  let client = normalize(peer);
  if (!forwardedFor || !isTrusted(client)) return client;
  const hops = forwardedFor.split(',').map((hop) => hop.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!ipaddr.isValid(hop)) return client;
    client = normalize(hop);
    if (!isTrusted(client)) return client;
  }
  return client;
}

function normalize(ip: string): string {
  return ipaddr.isValid(ip) ? ipaddr.process(ip).toString() : ip;
}
