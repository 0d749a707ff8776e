import { DeviceRecords } from '../devices/device-records.js';
import { FraudBlocks as FraudBlockRecords } from '../devices/fraud-blocks.js';
import type { Store } from '../store/types.js';
import type { AdminDevices, FraudBlocks } from './types.js';

/** The admin's view of src/devices: the user's phones (never their keys) and fraud blocks, over the Store's records. */
export function storeDevicePorts(store: Store): { devices: AdminDevices; fraud: FraudBlocks } {
  const records = new DeviceRecords(store);
  const blocks = new FraudBlockRecords(store);
  return {
    devices: {
      list: async (user) =>
        (await records.list(user.id)).map((d) => ({ id: d.id, name: d.name, platform: d.platform, createdAt: d.createdAt, passwordless: d.passwordless })),
      remove: (user, deviceId) => records.remove(user.id, deviceId),
    },
    fraud: {
      blockedSince: async (user) => (await blocks.get(user.id))?.since ?? null,
      unblock: (user) => blocks.unblock(user.id),
    },
  };
}
