import assert from 'node:assert/strict';
import { clientIpFrom, trustedProxySet } from '../../../src/policy/index.js';

const PROXIES = ['10.0.0.0/8', '2001:db8::/32'];

describe('client IP from X-Forwarded-For', () => {
  const rows: Array<{ says: string; peer: string; xff: string | string[] | undefined; expected: string }> = [
    { says: 'the peer is the client when it is not a trusted proxy', peer: '203.0.113.9', xff: '198.51.100.1', expected: '203.0.113.9' },
    { says: 'the peer is the client when there is no header', peer: '10.0.0.5', xff: undefined, expected: '10.0.0.5' },
    { says: 'a trusted proxy hands over to the address it forwarded for', peer: '10.0.0.5', xff: '198.51.100.1', expected: '198.51.100.1' },
    { says: 'the walk goes right to left and stops at the first untrusted address', peer: '10.0.0.5', xff: '1.1.1.1, 198.51.100.1, 10.0.0.7', expected: '198.51.100.1' },
    { says: 'an address a client wrote in front is not believed', peer: '10.0.0.5', xff: '10.0.0.99, 198.51.100.1', expected: '198.51.100.1' },
    { says: 'when every hop is trusted the leftmost is the client', peer: '10.0.0.5', xff: '10.0.0.8, 10.0.0.7', expected: '10.0.0.8' },
    { says: 'several header lines are read as one list', peer: '10.0.0.5', xff: ['1.1.1.1', '198.51.100.1, 10.0.0.7'], expected: '198.51.100.1' },
    { says: 'IPv6 proxies and clients work, brackets and ports dropped', peer: '2001:db8::1', xff: '[2001:db9::5]:443', expected: '2001:db9::5' },
    { says: 'an IPv4-mapped peer address is a trusted IPv4 proxy', peer: '::ffff:10.0.0.5', xff: '198.51.100.1:5678', expected: '198.51.100.1' },
    { says: 'an entry that is not an address ends the walk as it is', peer: '10.0.0.5', xff: '198.51.100.1, unknown', expected: 'unknown' },
    { says: 'empty entries are skipped', peer: '10.0.0.5', xff: ' , 198.51.100.1 ,', expected: '198.51.100.1' },
  ];
  for (const row of rows) {
    it(row.says, () => {
      assert.equal(clientIpFrom(row.peer, row.xff, PROXIES), row.expected);
      assert.equal(clientIpFrom(row.peer, row.xff, trustedProxySet(PROXIES)), row.expected);
    });
  }

  it('believes nobody when no proxy is trusted', () => {
    assert.equal(clientIpFrom('10.0.0.5', '198.51.100.1', []), '10.0.0.5');
  });
});
