import assert from 'node:assert/strict';
import { formatCode, normalizeCode } from '../../../src/devices/index.js';
import { deviceBench, type DeviceBench } from './device-bench.js';

describe('activation codes', () => {
  let bench: DeviceBench;
  const owner = { userId: 'u1', login: 'alice' };
  beforeEach(async () => {
    bench = await deviceBench();
  });
  afterEach(() => bench.close());

  it('are twelve base32 characters shown in groups of four, read back whatever the case, dashes or confusable letters', () => {
    assert.equal(formatCode('ABCD1234EFGH'), 'ABCD-1234-EFGH');
    assert.equal(normalizeCode('abcd-1234-efgh'), 'ABCD1234EFGH');
    assert.equal(normalizeCode(' ABCD 1234 EFGH '), 'ABCD1234EFGH');
    assert.equal(normalizeCode('OOOO-IIII-LLLL'), '000011111111');
    assert.equal(normalizeCode('ABCD-1234-EFG'), null);
    assert.equal(normalizeCode('ABCD-1234-EFGU'), null, 'U is not in Crockford’s alphabet');
  });

  it('show the same code on every display until it is used, then a new one', async () => {
    const first = await bench.service.activation.issue(owner);
    assert.deepEqual(await bench.service.activation.issue(owner), first);
    assert.match(first.code, /^[0-9A-HJKMNP-TV-Z]{12}$/);
    assert.deepEqual(await bench.service.activation.peek(first.code), owner, 'peeking does not use it up');
    assert.deepEqual(await bench.service.activation.redeem(first.code), owner);
    assert.equal(await bench.service.activation.redeem(first.code), undefined, 'a code works once');
    assert.notEqual((await bench.service.activation.issue(owner)).code, first.code);
  });

  it('expire after ten minutes on the clock', async () => {
    const { code } = await bench.service.activation.issue(owner);
    bench.clock.advance(10 * 60_000);
    assert.equal(await bench.service.activation.peek(code), undefined);
    assert.equal(await bench.service.activation.redeem(code), undefined);
  });

  it('are kept in the Store only as a hash of the code', async () => {
    const { code } = await bench.service.activation.issue(owner);
    assert.equal(await bench.store.get(`push:activation:${code}`), undefined);
  });
});
