import { createHash } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';

const DEVICES = 'signin.device';
const FAMILIAR = 'signin.familiar';
const MAX_FAMILIAR_IPS = 20;

interface FamiliarPlaces {
  ips: string[];
}

/**
 * What policy calls a known device: this browser's device cookie was on an earlier successful sign-in of this
 * user. Also keeps the user's familiar IPs (the last 20 they signed in from) for smart lockout.
 * Only a hash of the cookie is stored, so the records cannot be replayed as cookies.
 */
export class KnownDevices {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async isKnown(userId: string, browserId: string): Promise<boolean> {
    return (await this.store.getRecord(DEVICES, key(userId, browserId))) !== undefined;
  }

  async familiarIps(userId: string): Promise<string[]> {
    return (await this.store.getRecord<FamiliarPlaces>(FAMILIAR, userId))?.ips ?? [];
  }

  /** Called when a sign-in succeeds. */
  async remember(userId: string, browserId: string, ip: string): Promise<void> {
    const id = key(userId, browserId);
    if (!(await this.store.getRecord(DEVICES, id))) await this.store.putRecord(DEVICES, id, { firstSeen: new Date(this.clock.now()).toISOString() });
    const ips = await this.familiarIps(userId);
    if (ips[0] !== ip) await this.store.putRecord(FAMILIAR, userId, { ips: [ip, ...ips.filter((known) => known !== ip)].slice(0, MAX_FAMILIAR_IPS) });
  }
}

function key(userId: string, browserId: string): string {
  return `${userId}:${createHash('sha256').update(browserId).digest('base64url')}`;
}
