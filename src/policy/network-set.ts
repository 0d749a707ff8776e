/** A parsed address: IPv4 as an unsigned 32-bit number, IPv6 as eight 16-bit parts. IPv4-mapped IPv6 is IPv4. */
export type ParsedIp = { version: 4; value: number } | { version: 6; parts: readonly number[] };

interface V4Range {
  network: number;
  mask: number;
  prefix: number;
}

interface V6Range {
  parts: readonly number[];
  prefix: number;
}

/** A set of CIDR ranges, compiled for cheap membership tests. */
export interface NetworkSet {
  readonly v4: readonly V4Range[];
  readonly v6: readonly V6Range[];
}

/** Parses an address; null when it is not one. IPv4 must be four decimal parts; IPv6 may carry a zone (%eth0). */
export function parseIp(text: string): ParsedIp | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { version: 4, value: v4 };
  const parts = parseIpv6(text);
  if (parts === null) return null;
  if (isIpv4Mapped(parts)) return { version: 4, value: parts[6]! * 65536 + parts[7]! };
  return { version: 6, parts };
}

/** Compiles CIDRs ("10.0.0.0/8", "2001:db8::/32", "::ffff:10.0.0.0/104") or single addresses; lists the invalid ones. */
export function createNetworkSet(cidrs: readonly string[]): { set: NetworkSet; invalid: string[] } {
  const v4: V4Range[] = [];
  const v6: V6Range[] = [];
  const invalid: string[] = [];
  for (const cidr of cidrs) {
    const range = parseRange(cidr.trim());
    if (range === null) invalid.push(cidr);
    else if ('network' in range) v4.push(range);
    else v6.push(range);
  }
  return { set: { v4, v6 }, invalid };
}

/** Whether the address lies in one of the set's ranges. */
export function networkSetHas(set: NetworkSet, ip: ParsedIp): boolean {
  if (ip.version === 4) {
    for (const range of set.v4) if (((ip.value & range.mask) >>> 0) === range.network) return true;
    return false;
  }
  for (const range of set.v6) if (partsMatch(ip.parts, range.parts, range.prefix)) return true;
  return false;
}

/** Whether every range of `inner` lies inside one range of `outer` (used by lint; conservative). */
export function networkSetCovers(outer: NetworkSet, inner: NetworkSet): boolean {
  const v4 = inner.v4.every((r) => outer.v4.some((o) => o.prefix <= r.prefix && ((r.network & o.mask) >>> 0) === o.network));
  const v6 = inner.v6.every((r) => outer.v6.some((o) => o.prefix <= r.prefix && partsMatch(r.parts, o.parts, o.prefix)));
  return v4 && v6;
}

/** Whether no address lies in both sets (CIDR ranges either nest or do not meet). */
export function networkSetsDisjoint(a: NetworkSet, b: NetworkSet): boolean {
  const v4 = a.v4.every((x) => b.v4.every((y) => ((x.network & y.mask) >>> 0) !== y.network && ((y.network & x.mask) >>> 0) !== x.network));
  const v6 = a.v6.every((x) => b.v6.every((y) => !partsMatch(x.parts, y.parts, y.prefix) && !partsMatch(y.parts, x.parts, x.prefix)));
  return v4 && v6;
}

function parseRange(text: string): V4Range | V6Range | null {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? null : text.slice(slash + 1);
  if (prefixText !== null && !/^\d{1,3}$/.test(prefixText)) return null;
  const v4 = parseIpv4(addressText);
  if (v4 !== null) {
    const prefix = prefixText === null ? 32 : Number(prefixText);
    return prefix > 32 ? null : v4Range(v4, prefix);
  }
  const parts = parseIpv6(addressText);
  if (parts === null) return null;
  const prefix = prefixText === null ? 128 : Number(prefixText);
  if (prefix > 128) return null;
  // An IPv4-mapped range is an IPv4 range: clients arrive as plain IPv4 once parsed.
  if (isIpv4Mapped(parts) && prefix >= 96) return v4Range(parts[6]! * 65536 + parts[7]!, prefix - 96);
  return { parts: maskParts(parts, prefix), prefix };
}

function v4Range(value: number, prefix: number): V4Range {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { network: (value & mask) >>> 0, mask, prefix };
}

function maskParts(parts: readonly number[], prefix: number): number[] {
  return parts.map((part, i) => {
    const bits = Math.max(0, Math.min(16, prefix - i * 16));
    return bits === 0 ? 0 : part & ((0xffff << (16 - bits)) & 0xffff);
  });
}

function partsMatch(address: readonly number[], network: readonly number[], prefix: number): boolean {
  for (let i = 0; i < 8 && prefix > i * 16; i++) {
    const bits = Math.min(16, prefix - i * 16);
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if ((address[i]! & mask) !== network[i]) return false;
  }
  return true;
}

function isIpv4Mapped(parts: readonly number[]): boolean {
  return parts[0] === 0 && parts[1] === 0 && parts[2] === 0 && parts[3] === 0 && parts[4] === 0 && parts[5] === 0xffff;
}

/**
 * RFC 4291 text form to eight 16-bit parts: hex groups, one "::", an IPv4 tail, a zone after "%" (ignored).
 * One pass by hand, because it runs on every evaluation that has a location condition.
 */
function parseIpv6(text: string): number[] | null {
  const percent = text.indexOf('%');
  if (percent >= 0 && !/^[0-9A-Za-z]+$/.test(text.slice(percent + 1))) return null;
  const end = percent < 0 ? text.length : percent;
  const parts: number[] = [];
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return null;
    gap = 0;
    i = 2;
  }
  while (i < end) {
    const start = i;
    let value = 0;
    let digit = hexDigit(text.charCodeAt(i));
    while (digit >= 0 && i - start < 4) {
      value = value * 16 + digit;
      digit = hexDigit(text.charCodeAt(++i));
    }
    if (i < end && text.charCodeAt(i) === 46) {
      const v4 = parseIpv4(text.slice(start, end));
      if (v4 === null || parts.length > 6) return null;
      parts.push(Math.floor(v4 / 65536), v4 % 65536);
      break;
    }
    if (i === start || parts.length === 8) return null;
    parts.push(value);
    if (i === end) break;
    if (text.charCodeAt(i) !== 58) return null;
    if (text.charCodeAt(++i) === 58) {
      if (gap >= 0) return null;
      gap = parts.length;
      i++;
    } else if (i === end) return null;
  }
  if (gap < 0) return parts.length === 8 ? parts : null;
  if (parts.length > 7) return null;
  const zeros = new Array<number>(8 - parts.length).fill(0);
  parts.splice(gap, 0, ...zeros);
  return parts;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Strict dotted-quad parser; cheaper than a regular expression on the evaluation path. */
function parseIpv4(text: string): number | null {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return null;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return null; // no leading zeros: "010" is ambiguous (octal)
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return null;
    } else return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return value * 256 + part;
}
