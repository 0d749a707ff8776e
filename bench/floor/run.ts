/**
 * The machine's crypto floor: RS256 (ID token) and SAML assertion signatures, one at a time on one thread.
 * Run: node --import tsx bench/floor/run.ts [--duration SECONDS]   (per figure; 3 unless told)
 */
import { loadavg } from 'node:os';
import { measureCryptoFloor } from './crypto-floor.js';

const durationArg = process.argv.indexOf('--duration');
const durationSeconds = durationArg >= 0 ? Number(process.argv[durationArg + 1]) : 3;
if (!(durationSeconds > 0)) {
  console.error('usage: node --import tsx bench/floor/run.ts [--duration SECONDS]');
  process.exit(2);
}

const column = (value: number, digits: number) => value.toFixed(digits).padStart(8);
console.log(`Crypto floor: ${durationSeconds} s per figure, medians of 5 batches, one operation in flight; load average ${loadavg()[0]!.toFixed(2)}`);
console.log('  figure                  CPU ms/op   per CPU s   per wall s   CPU share of wall');
const floor = await measureCryptoFloor({
  durationMs: durationSeconds * 1000,
  onFigure: (figure, rate) =>
    console.log(`  ${figure.padEnd(22)}  ${column(rate.cpuMsPerOperation, 3)}    ${column(1000 / rate.cpuMsPerOperation, 0)}    ${column(rate.perWallSecond, 0)}     ${column(rate.cpuShareOfWall, 2)}`),
});
const { rs256, samlSignature: saml } = floor;
console.log(
  `\nRS256: ${rs256.signaturesPerSecond.toFixed(0)} signatures/s (${rs256.msPerSignature.toFixed(3)} ms), ${rs256.verificationsPerSecond.toFixed(0)} verifications/s; ` +
    `SAML: ${saml.signaturesPerSecond.toFixed(0)} signatures/s (${saml.msPerSignature.toFixed(3)} ms), RSA ${(saml.rsaShareOfSignature * 100).toFixed(0)}% of it`,
);
console.log(`\n${JSON.stringify(floor, null, 2)}`);
