import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Store } from '../../store/types.js';

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);
/** Models oidc-provider saves without an expiry still must not live forever in the Store. */
const DEFAULT_TTL_MS = 14 * 24 * 3_600_000;

/** oidc-provider's storage contract on the Store, so every node shares codes, tokens, sessions and interactions. */
export function storeAdapterFactory(store: Store): (model: string) => Adapter {
  return (model: string) => new StoreAdapter(model, store);
}

class StoreAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: Store,
  ) {}

  /** Writes a model with its indexes (session uid, user code, grant membership). */
  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const ttl = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn * 1000 : DEFAULT_TTL_MS;
    const key = this.key(id);
    await this.store.set(key, payload, ttl);
    if (this.model === 'Session' && payload.uid) await this.store.set(`oidc:uid:${payload.uid}`, id, ttl);
    if (payload.userCode) await this.store.set(`oidc:userCode:${payload.userCode}`, id, ttl);
    if (GRANTABLE.has(this.model) && payload.grantId) await this.store.addToSet(`oidc:grant:${payload.grantId}`, key, ttl);
  }

  /** Reads a model; undefined once expired. */
  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get<AdapterPayload>(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = await this.store.get<string>(`oidc:uid:${uid}`);
    return id ? this.find(id) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = await this.store.get<string>(`oidc:userCode:${userCode}`);
    return id ? this.find(id) : undefined;
  }

  /** Marks a code or token as used; oidc-provider then refuses it and revokes the grant on reuse. */
  async consume(id: string): Promise<void> {
    const key = this.key(id);
    const payload = await this.store.get<AdapterPayload>(key);
    if (!payload) return;
    const remaining = typeof payload.exp === 'number' ? payload.exp * 1000 - Date.now() : DEFAULT_TTL_MS;
    await this.store.set(key, { ...payload, consumed: Math.floor(Date.now() / 1000) }, Math.max(remaining, 1000));
  }

  async destroy(id: string): Promise<void> {
    await this.store.delete(this.key(id));
  }

  /** Revokes every code and token issued under a grant (logout, refresh token reuse). */
  async revokeByGrantId(grantId: string): Promise<void> {
    const setKey = `oidc:grant:${grantId}`;
    const members = await this.store.setMembers(setKey);
    await Promise.all(members.map((key) => this.store.delete(key)));
    await this.store.delete(setKey);
  }

  private key(id: string): string {
    return `oidc:${this.model}:${id}`;
  }
}
