import type { AdminDevices, FraudBlocks as AdminFraudBlocks } from '../admin/types.js';
import type { PortalDevices } from '../portal/portal-actions.js';
import type { DeviceService } from './create-device-service.js';

/** The admin's view of a user's phones (list, remove), on the device service. */
export function adminDevices(service: DeviceService): AdminDevices {
  return {
    async list(user) {
      const devices = await service.records.list(user.id);
      return devices.map(({ id, name, platform, createdAt, passwordless }) => ({ id, name, platform, createdAt, passwordless }));
    },
    remove: (user, deviceId) => service.records.remove(user.id, deviceId),
  };
}

/** The admin's view of fraud blocks (see, clear), on the device service. */
export function adminFraudBlocks(service: DeviceService): AdminFraudBlocks {
  return {
    blockedSince: async (user) => (await service.blocks.get(user.id))?.since ?? null,
    async unblock(user) {
      const cleared = await service.blocks.unblock(user.id);
      // A cleared user starts with a clean slate, not in a cool-down from the pushes around the fraud report.
      if (cleared) await service.push.guard.clear(user.id);
      return cleared;
    },
  };
}

/** The portal's view of the user's own phones, on the device service; removal is audited by the portal. */
export function portalDevices(service: DeviceService): PortalDevices {
  return {
    async list(userId) {
      const devices = await service.records.list(userId);
      return devices.map(({ id, name, platform, createdAt, passwordless }) => ({ id, name, platform, createdAt, passwordless }));
    },
    remove: (userId, deviceId) => service.records.remove(userId, deviceId),
  };
}
