import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';

/** A signed-in admin. Short-lived (config `admin.sessionLifetime`); group membership is checked on every request. */
export interface AdminSession {
  /** The cookie value: secret. */
  id: string;
  userId: string;
  login: string;
  /** Every admin form and every API mutation made with the cookie carries it; compared in constant time. */
  csrf: string;
  expiresAt: number;
  /** A translation key shown once on the next page (e.g. "MFA reset"). */
  notice?: string;
}

const KEY = (id: string) => `admin:session:${id}`;
const ID = /^[A-Za-z0-9_-]{32}$/;

/** Admin sessions in the Store, so any node serves the next request. */
export class AdminSessions {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly lifetimeMs: number,
  ) {}

  async create(input: Pick<AdminSession, 'userId' | 'login'>): Promise<AdminSession> {
    const session: AdminSession = {
      ...input,
      id: randomBytes(24).toString('base64url'),
      csrf: randomBytes(24).toString('base64url'),
      expiresAt: this.clock.now() + this.lifetimeMs,
    };
    await this.store.set(KEY(session.id), session, this.lifetimeMs);
    return session;
  }

  async find(id: string | undefined): Promise<AdminSession | undefined> {
    if (!id || !ID.test(id)) return undefined;
    const session = await this.store.get<AdminSession>(KEY(id));
    return session && session.expiresAt > this.clock.now() ? session : undefined;
  }

  /** Saves a change (a notice) without extending the session. */
  async save(session: AdminSession): Promise<void> {
    const ttl = session.expiresAt - this.clock.now();
    if (ttl > 0) await this.store.set(KEY(session.id), session, ttl);
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id && ID.test(id)) await this.store.delete(KEY(id));
  }
}
