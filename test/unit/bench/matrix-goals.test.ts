import assert from 'node:assert/strict';
import type { MatrixRun, RateRun } from '../../../bench/common/matrix-results.js';
import { judgeGoals } from '../../../bench/matrix/goals.js';
import { parseMatrixOptions } from '../../../bench/matrix/options.js';

const latency = (p99: number) => ({ p50: p99 / 2, p95: p99 * 0.9, p99, mean: p99 / 2, max: p99 });

function run(contender: MatrixRun['contender'], path: MatrixRun['path'], concurrency: number, perSecond: number, cpuMs: number, extra: Partial<MatrixRun> = {}): MatrixRun {
  return {
    contender, path, directory: 'ldap', store: 'embedded', concurrency, signins: perSecond * 10, errors: 0, errorSamples: [], seconds: 10,
    signinsPerSecond: perSecond, latencyMs: latency(40), cpuMsPerSignin: cpuMs, directoryCpuMsPerSignin: 1, storeCpuMsPerSignin: 0,
    driverCpuMsPerSignin: 5, otherLoadCores: 0, peakRssMb: 200, requestsPerSignin: 8, ...extra,
  };
}

const rate = (p99: number): RateRun => ({ contender: 'gatehouse', path: 'totp', directory: 'ldap', store: 'embedded', ratePerSecond: 50, maxSigninsPerSecond: 100, started: 500, completed: 500, errors: 0, latencyMs: latency(p99) });

describe('judging the benchmark goals', () => {
  it('meets every goal when Gatehouse does 5x the peer, 1.5x the baseline\'s CPU at worst, and p99s under the limits', () => {
    const runs = [
      run('gatehouse', 'totp', 2, 60, 15), run('gatehouse', 'totp', 8, 100, 14),
      run('bare-oidc-provider', 'totp', 2, 120, 10), run('bare-oidc-provider', 'totp', 8, 150, 10),
      run('lemonldap-ng', 'totp', 2, 12, 90), run('lemonldap-ng', 'totp', 8, 20, 95),
      run('gatehouse', 'push', 8, 50, 20, { approvalMs: latency(60) }),
    ];
    const verdicts = judgeGoals(runs, [rate(45)]);
    assert.deepEqual(verdicts.map((v) => v.met), [true, true, true, true]);
  });

  it('fails a goal on the worst concurrency and says by how much', () => {
    const runs = [run('gatehouse', 'totp', 2, 60, 15), run('gatehouse', 'totp', 8, 90, 16), run('bare-oidc-provider', 'totp', 2, 120, 10), run('bare-oidc-provider', 'totp', 8, 150, 10), run('lemonldap-ng', 'totp', 8, 20, 95)];
    const [throughput, cost, p99, push] = judgeGoals(runs, [rate(80)]);
    assert.equal(throughput!.met, false);
    assert.match(throughput!.measured, /4\.50x/);
    assert.equal(cost!.met, false);
    assert.match(cost!.measured, /8 users 1\.60x/);
    assert.equal(p99!.met, false);
    assert.equal(push!.met, null);
  });

  it('leaves the peer goal open, not failed, when LemonLDAP::NG was not in the run', () => {
    const [throughput] = judgeGoals([run('gatehouse', 'totp', 8, 90, 16)], []);
    assert.equal(throughput!.met, null);
    assert.match(throughput!.measured, /not in this run/);
  });
});

describe('the benchmark command line', () => {
  it('defaults to the quick run over every path and setup, with the peer and the crypto floor', () => {
    const options = parseMatrixOptions([]);
    assert.ok(options !== 'help');
    assert.equal(options.mode, 'quick');
    assert.deepEqual(options.paths, ['password', 'totp', 'push', 'passwordless', 'saml']);
    assert.equal(options.setups.length, 4);
    assert.equal(options.peer, true);
  });

  it('takes a sweep, a subset of paths and setups', () => {
    const options = parseMatrixOptions(['--full', '--concurrency', '1,4', '--paths', 'totp,saml', '--setups', 'ldap/redis', '--no-peer']);
    assert.ok(options !== 'help');
    assert.deepEqual(options.concurrencies, [1, 4]);
    assert.deepEqual(options.paths, ['totp', 'saml']);
    assert.deepEqual(options.setups, [{ directory: 'ldap', store: 'redis' }]);
    assert.equal(options.peer, false);
  });

  it('names the bad value of a bad option', () => {
    assert.throws(() => parseMatrixOptions(['--paths', 'kerberos']), /--paths: "kerberos" is not one of/);
    assert.throws(() => parseMatrixOptions(['--concurrency', '0']), /--concurrency: "0"/);
    assert.throws(() => parseMatrixOptions(['--quick', '--full']), /exclude each other/);
  });
});
