import assert from 'node:assert/strict';
import ipaddr from 'ipaddr.js';
import { createNetworkSet, networkSetCovers, networkSetHas, networkSetsDisjoint, parseIp } from '../../../src/policy/network-set.js';

const set = (...cidrs: string[]) => {
  const { set, invalid } = createNetworkSet(cidrs);
  assert.deepEqual(invalid, []);
  return set;
};
const has = (cidrs: string[], ip: string) => networkSetHas(set(...cidrs), parseIp(ip)!);

describe('network sets', () => {
  const rows: Array<[string[], string, boolean]> = [
    [['10.0.0.0/8'], '10.255.255.255', true],
    [['10.0.0.0/8'], '11.0.0.0', false],
    [['10.1.2.3'], '10.1.2.3', true],
    [['10.1.2.3'], '10.1.2.4', false],
    [['0.0.0.0/0'], '203.0.113.9', true],
    [['10.1.2.3/8'], '10.9.9.9', true],
    [['192.168.1.128/25'], '192.168.1.127', false],
    [['2001:db8::/32'], '2001:db8:ffff::1', true],
    [['2001:db8::/32'], '2001:db9::1', false],
    [['2001:db8:100::/48'], '2001:0db8:0100:0000:0000:0000:0000:0001', true],
    [['::/0'], '::1', true],
    [['::1'], '::1', true],
    [['fe80::/10'], 'fe80::1%eth0', true],
    [['10.0.0.0/8'], '::ffff:10.1.2.3', true],
    [['::ffff:10.0.0.0/104'], '10.1.2.3', true],
    [['::ffff:10.0.0.0/104'], '::ffff:10.1.2.3', true],
    [['::ffff:10.0.0.0/104'], '11.1.2.3', false],
    [['10.0.0.0/8'], '2001:db8::1', false],
    [['2001:db8::/32'], '10.0.0.1', false],
  ];
  for (const [cidrs, ip, expected] of rows) {
    it(`${ip} is ${expected ? '' : 'not '}in ${cidrs.join(', ')}`, () => assert.equal(has(cidrs, ip), expected));
  }

  it('rejects what is not an address or a CIDR', () => {
    const { invalid } = createNetworkSet(['10.0.0.0/33', '10.0.0', '2001:db8::/129', 'corpnet', '10.0.0.0/', '010.0.0.1']);
    assert.equal(invalid.length, 6);
  });

  it('parses IPv4 strictly, as four decimal parts without leading zeros', () => {
    for (const text of ['10', '10.1', '0x0a.0.0.1', '1.2.3.4.5', '256.0.0.1', '01.2.3.4', ' 1.2.3.4', '']) assert.equal(parseIp(text), null, text);
    assert.deepEqual(parseIp('0.0.0.0'), { version: 4, value: 0 });
  });

  it('parses IPv6 as ipaddr.js does, on many generated addresses and junk', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const samples: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const parts = Array.from({ length: 8 }, () => (random() < 0.4 ? 0 : Math.floor(random() * 65536)));
      const address = new ipaddr.IPv6(parts);
      samples.push(address.toString(), address.toNormalizedString());
      const chars = '0123456789abcdefABCDEF:.%';
      samples.push(Array.from({ length: 1 + Math.floor(random() * 18) }, () => chars[Math.floor(random() * chars.length)]).join(''));
    }
    for (const text of samples) {
      const mine = parseIp(text);
      let theirs: string | null = null;
      if (ipaddr.IPv4.isValidFourPartDecimal(text)) theirs = ipaddr.IPv4.parse(text).toString();
      else if (ipaddr.IPv6.isValid(text)) {
        const address = ipaddr.IPv6.parse(text);
        theirs = address.isIPv4MappedAddress() ? address.toIPv4Address().toString() : address.toNormalizedString().split('%')[0]!; // the zone is ignored here
      }
      const shown = mine === null ? null : mine.version === 4 ? [24, 16, 8, 0].map((s) => (mine.value >>> s) & 255).join('.') : mine.parts.map((p) => p.toString(16)).join(':');
      // ipaddr.js reads the deprecated IPv4-compatible form (::1.2.3.4) as IPv4; it is kept IPv6 here.
      if (theirs !== null && /^::\d/.test(text) && !text.startsWith('::ffff')) continue;
      assert.equal(shown, theirs, text);
    }
  });

  it('knows when one set covers another and when two sets never meet', () => {
    assert.equal(networkSetCovers(set('10.0.0.0/8'), set('10.99.0.0/16', '10.1.1.1')), true);
    assert.equal(networkSetCovers(set('10.0.0.0/8'), set('10.99.0.0/16', '11.0.0.0/16')), false);
    assert.equal(networkSetCovers(set('2001:db8::/32'), set('2001:db8:100::/48')), true);
    assert.equal(networkSetsDisjoint(set('10.0.0.0/8'), set('172.16.0.0/12', '2001:db8::/32')), true);
    assert.equal(networkSetsDisjoint(set('10.0.0.0/8'), set('10.1.0.0/16')), false);
    assert.equal(networkSetsDisjoint(set('2001:db8::/32'), set('2001:db8:1::/48')), false);
  });
});
