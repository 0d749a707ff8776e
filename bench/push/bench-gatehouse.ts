import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { ConfigInput } from '../../src/config/index.js';
import type { EmbeddedDirectory } from '../../src/directory/index.js';
import { createGatehouse, type Gatehouse } from '../../src/server.js';
import { BenchDevice } from './device.js';

export const REDIRECT_URI = 'http://127.0.0.1:9/cb';
export const PASSWORD = 'correct horse battery staple';

export interface BenchGatehouse {
  url: string;
  gatehouse: Gatehouse;
  stop(): Promise<void>;
}

/**
 * A real Gatehouse on a loopback port in a temp dir: embedded store and directory, audit and logs off, limits
 * that a benchmark of one user does not trip (the fatigue protection has its own tests).
 */
export async function startBenchGatehouse(push: NonNullable<ConfigInput['push']> = {}): Promise<BenchGatehouse> {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-bench-push-'));
  const config: ConfigInput = {
    listen: { host: '127.0.0.1', port: 0 },
    dataDir: join(dir, 'data'),
    keys: { dir: join(dir, 'certs') },
    policies: join(dir, 'policies.yaml'),
    audit: { sinks: [], personalFields: true },
    log: { level: 'silent' },
    push: { maxPendingPerUser: 10, rateLimit: { pushes: 1_000_000, window: '1h' }, fatigue: { failures: 1_000_000, window: '1h', coolDown: '1m' }, ...push },
    relyingParties: [{ type: 'oidc', id: 'bench', name: 'Bench App', clientSecret: 'bench-secret-bench-secret', redirectUris: [REDIRECT_URI] }],
  };
  // The issuer must be the address the server listens on: take a port first.
  const probe = await createGatehouse(config, { logger: pino({ level: 'silent' }) });
  const { port } = await probe.start();
  await probe.stop();
  const url = `http://127.0.0.1:${port}`;
  const gatehouse = await createGatehouse({ ...config, issuer: url, listen: { host: '127.0.0.1', port } }, { logger: pino({ level: 'silent' }) });
  await gatehouse.start();
  return {
    url,
    gatehouse,
    async stop() {
      await gatehouse.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Adds a user and activates a phone for them through the device API, passwordless enabled. */
export async function userWithPhone(bench: BenchGatehouse, login: string): Promise<BenchDevice> {
  const directory = bench.gatehouse.registry.directory as EmbeddedDirectory;
  const user = await directory.addUser({ login, password: PASSWORD });
  const { code } = await bench.gatehouse.registry.devices.activation.issue({ userId: user.id, login });
  const device = await BenchDevice.create(bench.url);
  const activated = await device.call<{ deviceId: string }>('POST', '/device/v1/activate', { code, name: `${login}'s phone`, platform: 'bench' });
  device.deviceId = activated.deviceId;
  await device.call('PATCH', '/device/v1/device', { passwordless: true, uv: 'pin' });
  return device;
}
