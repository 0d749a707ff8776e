import type { CryptoFloor, MatrixRun, RateRun } from '../common/matrix-results.js';
import { fixed, textTable } from '../signin/text-table.js';
import type { GoalVerdict } from './goals.js';

/** What a path's sign-in unavoidably signs: one RS256 ID token (OIDC) or one XML signature over the assertion (SAML). */
export function floorMsOf(run: Pick<MatrixRun, 'path' | 'directory'>, floor: CryptoFloor, scryptMs: number): number {
  const signature = run.path === 'saml' ? floor.samlSignature.msPerSignature : floor.rs256.msPerSignature;
  const hashes = run.directory === 'embedded' && run.path !== 'passwordless' ? scryptMs : 0;
  return signature + hashes;
}

export function runsTable(runs: MatrixRun[], floor: CryptoFloor | undefined, scryptMs: number): string {
  const rows = runs.map((run) => [
    `${run.directory}/${run.store}  ${run.path}  ${run.contender}`,
    String(run.concurrency),
    fixed(run.signinsPerSecond),
    fixed(run.latencyMs.p50, 0),
    fixed(run.latencyMs.p95, 0),
    fixed(run.latencyMs.p99, 0),
    fixed(run.cpuMsPerSignin),
    floor ? `${fixed(run.cpuMsPerSignin / floorMsOf(run, floor, scryptMs))}x` : '-',
    fixed(run.directoryCpuMsPerSignin, 2),
    fixed(run.storeCpuMsPerSignin, 2),
    fixed(run.driverCpuMsPerSignin),
    fixed(run.requestsPerSignin),
    fixed(run.peakRssMb, 0),
    fixed(run.otherLoadCores, 2),
    run.approvalMs ? fixed(run.approvalMs.p99, 0) : '',
    run.errors ? String(run.errors) : '',
  ]);
  return textTable(['directory/store  path  contender', 'users', 'per s', 'p50', 'p95', 'p99 ms', 'CPU ms', 'x floor', 'slapd ms', 'redis ms', 'driver ms', 'req', 'RSS MB', 'other', 'push p99', 'errors'], rows);
}

export function ratesTable(rates: RateRun[]): string {
  const rows = rates.map((rate) => [
    `${rate.directory}/${rate.store}  ${rate.path}  ${rate.contender}`,
    fixed(rate.maxSigninsPerSecond),
    fixed(rate.ratePerSecond),
    String(rate.completed),
    fixed(rate.latencyMs.p50, 0),
    fixed(rate.latencyMs.p95, 0),
    fixed(rate.latencyMs.p99, 0),
    rate.errors ? String(rate.errors) : '',
  ]);
  return textTable(['open loop at half the best throughput', 'best /s', 'rate /s', 'done', 'p50', 'p95', 'p99 ms', 'errors'], rows);
}

export function floorText(floor: CryptoFloor, scryptMs: number): string {
  return [
    `RS256 (RSA 2048) JWS: ${fixed(floor.rs256.signaturesPerSecond, 0)} signatures/s (${fixed(floor.rs256.msPerSignature, 2)} ms each), ${fixed(floor.rs256.verificationsPerSecond, 0)} verifications/s`,
    `SAML assertion XML signature (exc-c14n, RSA-SHA256): ${fixed(floor.samlSignature.signaturesPerSecond, 0)}/s (${fixed(floor.samlSignature.msPerSignature, 2)} ms each; RSA is ${fixed(floor.samlSignature.rsaShareOfSignature * 100, 0)}% of it)`,
    `scrypt password check (N=2^15, r=8, p=3, the embedded directory's): ${fixed(scryptMs, 0)} ms`,
    'Each run\'s "x floor" is its server CPU per sign-in over this: one signature (RS256 ID token or SAML assertion) plus, with the embedded directory, one scrypt check.',
  ].join('\n');
}

export function goalsText(verdicts: GoalVerdict[]): string {
  return verdicts.map((v) => `${v.met === null ? 'n/a    ' : v.met ? 'met    ' : 'NOT met'}  ${v.goal}: ${v.measured}`).join('\n');
}
