import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';

/** What a browser's single sign-on session remembers between sign-ins to different relying parties. */
export interface SsoSession {
  id: string;
  userId: string;
  login: string;
  primary: 'password' | 'passwordless';
  amr: string[];
  methods: string[];
  /** Seconds since the epoch of the last primary authentication. */
  authTime: number;
  expiresAt: number;
  /** Relying parties signed in to through this session (for logout). */
  rps: string[];
}

const KEY = (id: string) => `sso:${id}`;

/** SSO sessions live in the Store, bounded by the configured lifetime (and later by sign-in frequency). */
export class SsoSessions {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly lifetimeMs: number,
  ) {}

  async find(id: string | undefined): Promise<SsoSession | undefined> {
    if (!id || !/^[A-Za-z0-9_-]{32}$/.test(id)) return undefined;
    const session = await this.store.get<SsoSession>(KEY(id));
    return session && session.expiresAt > this.clock.now() ? session : undefined;
  }

  async save(input: Omit<SsoSession, 'id' | 'expiresAt'> & { id?: string; lifetimeMs?: number }): Promise<SsoSession> {
    const lifetime = Math.min(input.lifetimeMs ?? this.lifetimeMs, this.lifetimeMs);
    const { lifetimeMs: _ignored, ...rest } = input;
    const session: SsoSession = {
      ...rest,
      id: input.id ?? randomBytes(24).toString('base64url'),
      expiresAt: this.clock.now() + lifetime,
    };
    await this.store.set(KEY(session.id), session, lifetime);
    return session;
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id && /^[A-Za-z0-9_-]{32}$/.test(id)) await this.store.delete(KEY(id));
  }
}
