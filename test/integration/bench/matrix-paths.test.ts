import assert from 'node:assert/strict';
import { startSharedServices } from '../../../bench/matrix/shared-services.js';
import { startSetup, type RunningSetup } from '../../../bench/matrix/start-setup.js';
import { measureWindow } from '../../../bench/matrix/measure-window.js';
import { RequestLog } from '../../../bench/signin/request-log.js';

describe('the benchmark\'s sign-in paths (npm run bench), against real servers', function () {
  this.timeout(180_000);
  let services: Awaited<ReturnType<typeof startSharedServices>>;
  const setups: RunningSetup[] = [];

  before(async () => {
    services = await startSharedServices();
  });
  after(async () => {
    for (const setup of setups) await setup.stop();
    await services.stop();
  });

  for (const [directory, store] of [['ldap', 'redis'], ['embedded', 'embedded']] as const) {
    it(`completes every path on Gatehouse and the bare baseline's paths, ${directory} directory on the ${store} store`, async () => {
      const setup = await startSetup({ directory, store, ldapUrl: services.slapd.url, redisUrl: services.redis.url, maxConcurrency: 2 });
      setups.push(setup);
      const expected = store === 'embedded' ? ['gatehouse password', 'gatehouse totp', 'gatehouse push', 'gatehouse passwordless', 'gatehouse saml', 'bare-oidc-provider password', 'bare-oidc-provider totp'] : ['gatehouse password', 'gatehouse totp', 'gatehouse push', 'gatehouse passwordless', 'gatehouse saml'];
      assert.deepEqual(setup.contestants.map((c) => `${c.contender} ${c.path}`), expected);
      for (const contestant of setup.contestants) {
        const log = new RequestLog();
        await contestant.signIn(0, log);
        assert.ok(log.total() >= 3, `${contestant.contender} ${contestant.path} made ${log.total()} requests`);
      }
    });
  }

  it('measures a window: sign-ins, percentiles, the server\'s CPU and RSS, the phone\'s approval times', async () => {
    const setup = setups.find((s) => s.directory === 'ldap')!;
    const push = setup.contestants.find((c) => c.contender === 'gatehouse' && c.path === 'push')!;
    const run = await measureWindow(push, { directoryPid: services.slapd.pid!, storePid: services.redis.pid! }, { concurrency: 2, rampMs: 300, windowMs: 3000 });
    assert.equal(run.errors, 0, run.errorSamples.join(' | '));
    assert.ok(run.signins > 0);
    assert.ok(run.latencyMs.p99 >= run.latencyMs.p50);
    assert.ok(run.cpuMsPerSignin > 0 && run.directoryCpuMsPerSignin > 0 && run.storeCpuMsPerSignin > 0);
    assert.ok(run.peakRssMb > 50);
    assert.ok(run.approvalMs && run.approvalMs.p50 > 0, 'each push approval is timed');
  });
});
