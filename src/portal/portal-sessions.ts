import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';

/** A signed-in portal visit. Short-lived; changing methods needs `mfa` once the user has one. */
export interface PortalSession {
  /** The cookie value: secret. */
  id: string;
  /** A non-secret reference for adapters and logs. */
  ref: string;
  userId: string;
  login: string;
  amr: string[];
  /** The sign-in that opened the session did MFA. */
  mfa: boolean;
  /** Every portal form carries it; compared in constant time. */
  csrf: string;
  expiresAt: number;
  /** A translation key shown once on the next page (e.g. "method added"). */
  notice?: string;
}

const KEY = (id: string) => `portal:${id}`;
const ID = /^[A-Za-z0-9_-]{32}$/;

/** Portal sessions in the Store, so any node serves the next request. */
export class PortalSessions {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly lifetimeMs: number,
  ) {}

  async create(input: Pick<PortalSession, 'userId' | 'login' | 'amr' | 'mfa'>): Promise<PortalSession> {
    const session: PortalSession = {
      ...input,
      id: randomBytes(24).toString('base64url'),
      ref: randomBytes(9).toString('base64url'),
      csrf: randomBytes(24).toString('base64url'),
      expiresAt: this.clock.now() + this.lifetimeMs,
    };
    await this.store.set(KEY(session.id), session, this.lifetimeMs);
    return session;
  }

  async find(id: string | undefined): Promise<PortalSession | undefined> {
    if (!id || !ID.test(id)) return undefined;
    const session = await this.store.get<PortalSession>(KEY(id));
    return session && session.expiresAt > this.clock.now() ? session : undefined;
  }

  /** Saves a change (a notice) without extending the session. */
  async save(session: PortalSession): Promise<void> {
    const ttl = session.expiresAt - this.clock.now();
    if (ttl > 0) await this.store.set(KEY(session.id), session, ttl);
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id && ID.test(id)) await this.store.delete(KEY(id));
  }
}
