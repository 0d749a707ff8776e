import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { generateSecret } from 'otplib';
import { matchTotpCode, totpCode, type TotpParameters } from '../../../src/mfa/adapters/totp/totp-code.js';
import { runCommand } from '../../helpers/run-command.js';
import { oathtoolTotp } from '../../helpers/oathtool.js';

// RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to the hash's length; codes have 8 digits.
const SEEDS = {
  sha1: '12345678901234567890',
  sha256: '12345678901234567890123456789012',
  sha512: '1234567890123456789012345678901234567890123456789012345678901234',
} as const;
const VECTORS: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP codes', () => {
  it('produces the RFC 6238 test vectors for SHA-1, SHA-256 and SHA-512', () => {
    for (const [time, ...expected] of VECTORS) {
      (['sha1', 'sha256', 'sha512'] as const).forEach((algorithm, i) => {
        const parameters: TotpParameters = { algorithm, digits: 8, period: 30 };
        assert.equal(totpCode(new TextEncoder().encode(SEEDS[algorithm]), time, parameters), expected[i], `${algorithm} at ${time}`);
      });
    }
  });

  it('agrees with oathtool on the RFC 6238 test vectors', async () => {
    for (const [time, ...expected] of VECTORS.slice(0, 5)) {
      for (const [i, algorithm] of (['sha1', 'sha256', 'sha512'] as const).entries()) {
        const hexKey = Buffer.from(SEEDS[algorithm]).toString('hex');
        const result = await runCommand('/usr/bin/oathtool', [`--totp=${algorithm}`, '--digits=8', `--now=@${time}`, hexKey]);
        assert.equal(result.stdout.trim(), expected[i], `oathtool ${algorithm} at ${time}`);
      }
    }
  });

  it('accepts codes oathtool generates for new keys at many different times', async () => {
    for (let i = 0; i < 12; i++) {
      const secret = generateSecret({ length: 20 });
      const now = randomInt(1_000_000_000, 4_000_000_000);
      const code = await oathtoolTotp(secret, now);
      assert.notEqual(matchTotpCode(secret, code, now), null, `oathtool code ${code} at ${now}`);
    }
  });

  it('accepts the steps one before and one after the current one and refuses two steps away', async () => {
    const secret = generateSecret({ length: 20 });
    const now = 1_900_000_015;
    const step = Math.floor(now / 30);
    for (const offset of [-1, 0, 1]) assert.equal(matchTotpCode(secret, await oathtoolTotp(secret, now + offset * 30), now), step + offset, `offset ${offset}`);
    for (const offset of [-2, 2, -3, 3]) assert.equal(matchTotpCode(secret, await oathtoolTotp(secret, now + offset * 30), now), null, `offset ${offset}`);
  });

  it('refuses a code at or before the step it was last accepted at', async () => {
    const secret = generateSecret({ length: 20 });
    const now = 1_900_000_015;
    const code = await oathtoolTotp(secret, now);
    assert.equal(matchTotpCode(secret, code, now, { afterStep: Math.floor(now / 30) }), null);
    assert.equal(matchTotpCode(secret, code, now, { afterStep: Math.floor(now / 30) - 1 }), Math.floor(now / 30));
  });
});
