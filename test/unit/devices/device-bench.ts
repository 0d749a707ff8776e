import { createMemorySink, type AuditEvent } from '../../../src/audit/index.js';
import { createDeviceService, type DeviceService, type PushSettings, type WakeNotifier } from '../../../src/devices/index.js';
import { createEmbeddedStore, type Store } from '../../../src/store/index.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

export const SETTINGS: PushSettings = {
  timeout: 60_000,
  passwordless: true,
  maxPendingPerUser: 3,
  maxDevicesPerUser: 5,
  rateLimit: { pushes: 10, window: 15 * 60_000 },
  fatigue: { failures: 3, window: 30 * 60_000, coolDown: 30 * 60_000 },
};

export interface DeviceBench {
  store: Store;
  clock: FakeClock;
  service: DeviceService;
  events: AuditEvent[];
  close(): Promise<void>;
}

/** The device service on a real embedded store and a fake clock, its audit kept in memory. */
export async function deviceBench(settings: Partial<PushSettings> = {}, extra: { notifiers?: WakeNotifier[] } = {}): Promise<DeviceBench> {
  const dir = await makeTempDir('gatehouse-devices-');
  const clock = createFakeClock(Date.UTC(2030, 0, 1, 12));
  const store = await createEmbeddedStore({ dataDir: dir, clock });
  const sink = createMemorySink();
  const service = createDeviceService({
    store,
    clock,
    settings: { ...SETTINGS, ...settings },
    publicUrl: 'https://idp.example.org',
    organizationName: 'Example Org',
    locations: { corpnet: ['10.0.0.0/8'] },
    ...(extra.notifiers ? { notifiers: extra.notifiers } : {}),
    audit: { record: (input) => sink.write({ ...input, time: new Date(clock.now()).toISOString(), serverName: 'test', serverIp: '127.0.0.1' }) },
  });
  return {
    store,
    clock,
    service,
    events: sink.events,
    async close() {
      await store.close();
      await removeTempDir(dir);
    },
  };
}

let devices = 0;
/** Adds a device straight to the records (the activation path has its own tests). */
export async function addDevice(bench: DeviceBench, userId: string, options: { passwordless?: boolean } = {}): Promise<string> {
  const id = `device-${String(++devices).padStart(10, '0')}`;
  await bench.service.records.add(
    { id, userId, login: userId, name: id, platform: 'cli', publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, createdAt: new Date(bench.clock.now()).toISOString(), passwordless: options.passwordless ?? false },
    5,
  );
  return id;
}

export const sendInput = (userId: string, transactionId = `tx-${userId}-000000000000`) => ({ userId, login: userId, transactionId, rpId: 'app', rpName: 'App', clientIp: '10.1.2.3' });
