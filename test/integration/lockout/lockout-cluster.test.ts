import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { BrowserResponse } from '../../helpers/form-browser.js';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';
import { captureIo } from '../audit/cli-io.js';

const PASSWORD = 'correct horse battery';
const ATTACKER = '203.0.113.66';
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

describe('smart lockout on two nodes sharing one Redis', function () {
  this.timeout(120_000);
  let redis: RedisServer;
  let nodes: RunningGatehouse[];
  let dir: string;

  const attempt = async (node: RunningGatehouse, password: string): Promise<BrowserResponse> =>
    signInWithPassword(appBrowser({ 'X-Forwarded-For': ATTACKER }), await startAuthorization(await discoverClient(node.url)), 'alice', password);

  before(async function () {
    redis = await startRedis();
    dir = await makeTempDir('gatehouse-lockout-cluster-');
    const shared = {
      store: { type: 'redis' as const, url: redis.url },
      secrets: { key: 'lockout-cluster-test-secret-0123456789' },
      trustedProxies: ['127.0.0.1/32'],
      lockout: { mode: 'enforce' as const, unfamiliarThreshold: 3, familiarThreshold: 5, window: '30m' },
    };
    nodes = [await startGatehouse(shared), await startGatehouse(shared)];
    await nodes[0]!.addUser('alice', PASSWORD);
  });
  after(async () => {
    await Promise.all((nodes ?? []).map((node) => node.stop()));
    await redis?.stop();
    if (dir) await removeTempDir(dir);
  });

  it('counts the failures of both nodes together and locks the attacker out on both', async () => {
    await attempt(nodes[0]!, 'guess 1');
    await attempt(nodes[1]!, 'guess 2');
    await attempt(nodes[0]!, 'guess 3');
    const triggered = nodes.flatMap((node) => node.auditEvents.filter((e) => e.event === 'lockout.triggered'));
    assert.equal(triggered.length, 1, 'one lockout, recorded once');
    assert.ok(!isCallback((await attempt(nodes[1]!, PASSWORD)).url), 'the other node refuses the attacker’s place too');
    assert.equal(nodes[1]!.auditEvents.at(-1)?.reason, 'locked_out');
  });

  it('is cleared for every node by gatehouse users unlock, which sees the lockout through Redis', async () => {
    const config = join(dir, 'gatehouse.yaml');
    await writeFile(config, `dataDir: ${dir}/data\nstore: { type: redis, url: "${redis.url}" }\nsecrets: { key: lockout-cluster-test-secret-0123456789 }\naudit: { sinks: [] }\n`);
    const io = captureIo();
    assert.equal(await main(['users', 'unlock', 'alice', '--config', config], io), 0, io.stderr.join('\n'));
    assert.deepEqual(io.stdout, ['unlocked alice: smart lockout counters and lockouts cleared (was locked out from unfamiliar places)']);
    assert.ok(isCallback((await attempt(nodes[0]!, PASSWORD)).url));
    assert.ok(isCallback((await attempt(nodes[1]!, PASSWORD)).url));
  });
});
