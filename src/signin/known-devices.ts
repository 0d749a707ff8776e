import { createHash } from 'node:crypto';
import type { Store } from '../store/types.js';

const KIND = 'signin.familiar';
/** As AD FS keeps: the last 20 places (and here, browsers) a user signed in from. */
const MAX_KEPT = 20;

interface FamiliarPlaces {
  ips: string[];
  /** SHA-256 of device cookies, most recent first. */
  devices?: string[];
}

/**
 * What policy calls a known device: this browser's device cookie was on an earlier successful sign-in of this
 * user. Also the user's familiar IPs (the last 20 they signed in from) for smart lockout. One bounded record per
 * user, written only when something new is seen; only a hash of the cookie is kept, so it cannot be replayed.
 */
export class KnownDevices {
  constructor(private readonly store: Store) {}

  async isKnown(userId: string, browserId: string): Promise<boolean> {
    return (await this.read(userId)).devices?.includes(hash(browserId)) ?? false;
  }

  async familiarIps(userId: string): Promise<string[]> {
    return (await this.read(userId)).ips;
  }

  /** Called when a sign-in succeeds. */
  async remember(userId: string, browserId: string, ip: string): Promise<void> {
    const places = await this.read(userId);
    const device = hash(browserId);
    const devices = places.devices ?? [];
    if (places.ips[0] === ip && devices[0] === device) return;
    await this.store.putRecord(KIND, userId, {
      ips: [ip, ...places.ips.filter((known) => known !== ip)].slice(0, MAX_KEPT),
      devices: [device, ...devices.filter((known) => known !== device)].slice(0, MAX_KEPT),
    } satisfies FamiliarPlaces);
  }

  private async read(userId: string): Promise<FamiliarPlaces> {
    return (await this.store.getRecord<FamiliarPlaces>(KIND, userId)) ?? { ips: [] };
  }
}

function hash(browserId: string): string {
  return createHash('sha256').update(browserId).digest('base64url');
}
