import type { Store } from '../store/types.js';
import type { Device } from './types.js';

const DEVICE = 'devices.device';
const BY_USER = 'devices.user';
const LOCK_TTL_MS = 5_000;

interface UserDevices {
  ids: string[];
}

/** Why a device was not added. */
export class DeviceLimitError extends Error {
  override readonly name = 'DeviceLimitError';
  constructor(readonly limit: number) {
    super(`the user already has ${limit} devices`);
  }
}

/**
 * Devices as durable records (kind `devices.device`, by device id) with a per-user index (`devices.user`), so a
 * device is found by its id on every signed call and a user's devices are listed without scanning. Changes to one
 * user's index take a short Store lock (setIfAbsent), so two activations on two nodes cannot pass the limit.
 */
export class DeviceRecords {
  constructor(private readonly store: Store) {}

  get(id: string): Promise<Device | undefined> {
    return this.store.getRecord<Device>(DEVICE, id);
  }

  async list(userId: string): Promise<Device[]> {
    const index = await this.store.getRecord<UserDevices>(BY_USER, userId);
    const devices = await Promise.all((index?.ids ?? []).map((id) => this.get(id)));
    return devices.filter((device): device is Device => device !== undefined && device.userId === userId);
  }

  /** Adds a device unless the user already has `limit`. */
  add(device: Device, limit: number): Promise<void> {
    return this.withUserLock(device.userId, async () => {
      const existing = await this.list(device.userId);
      if (existing.length >= limit) throw new DeviceLimitError(limit);
      await this.store.putRecord(DEVICE, device.id, device);
      await this.store.putRecord(BY_USER, device.userId, { ids: [...existing.map((d) => d.id), device.id] } satisfies UserDevices);
    });
  }

  async update(device: Device): Promise<void> {
    await this.store.putRecord(DEVICE, device.id, device);
  }

  /** Removes one device; false when the user has no such device. */
  remove(userId: string, deviceId: string): Promise<boolean> {
    return this.withUserLock(userId, async () => {
      const existing = await this.list(userId);
      if (!existing.some((d) => d.id === deviceId)) return false;
      await this.store.deleteRecord(DEVICE, deviceId);
      await this.store.putRecord(BY_USER, userId, { ids: existing.filter((d) => d.id !== deviceId).map((d) => d.id) } satisfies UserDevices);
      return true;
    });
  }

  /** Removes every device of the user; returns how many there were. */
  removeAll(userId: string): Promise<number> {
    return this.withUserLock(userId, async () => {
      const existing = await this.list(userId);
      for (const device of existing) await this.store.deleteRecord(DEVICE, device.id);
      await this.store.deleteRecord(BY_USER, userId);
      return existing.length;
    });
  }

  private async withUserLock<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const key = `devices:lock:${userId}`;
    for (let attempt = 0; !(await this.store.setIfAbsent(key, 1, LOCK_TTL_MS)); attempt++) {
      if (attempt >= 100) throw new Error(`the devices of user ${userId} are locked`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    try {
      return await work();
    } finally {
      await this.store.delete(key);
    }
  }
}
