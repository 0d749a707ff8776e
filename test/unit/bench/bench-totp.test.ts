import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { OneTimeCodeUsers, totpCodeOf, totpSecretOf } from '../../../bench/common/bench-totp.js';
import { matchTotpCode } from '../../../src/mfa/adapters/totp/totp-code.js';

describe('the benchmark users\' authenticator keys', () => {
  it('derive one stable 160-bit Base32 key per login, different between logins', () => {
    assert.equal(totpSecretOf('user000001'), totpSecretOf('user000001'));
    assert.notEqual(totpSecretOf('user000001'), totpSecretOf('user000002'));
    assert.match(totpSecretOf('user000001'), /^[A-Z2-7]{32}$/);
  });

  it('give the code oathtool computes for the same key and time, so every contender can check it', () => {
    const at = 1_790_000_000;
    const expected = execFileSync('oathtool', ['--totp', '--base32', `--now=@${at}`, totpSecretOf('user001001')], { encoding: 'utf8' }).trim();
    assert.equal(totpCodeOf('user001001', at), expected);
    assert.notEqual(matchTotpCode(totpSecretOf('user001001'), expected, at), null);
  });
});

describe('handing out one-time codes under load', () => {
  it('never hands the same login out twice in one 30-second step', async () => {
    const users = new OneTimeCodeUsers(['a', 'b', 'c']);
    const taken = [await users.take(), await users.take(), await users.take()];
    assert.deepEqual(taken.map((t) => t.login).sort(), ['a', 'b', 'c']);
    // Within one step of now: the test may straddle a step boundary.
    for (const { login, code } of taken) assert.notEqual(matchTotpCode(totpSecretOf(login), code, Math.floor(Date.now() / 1000)), null);
    assert.equal(users.waits, 0);
  });

  it('refuses an empty pool at once', () => {
    assert.throws(() => new OneTimeCodeUsers([]), /no users/);
  });
});
