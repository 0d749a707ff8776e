import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';

const KIND = 'admin.token';
const PREFIX = 'gha_';

/** An admin API token as stored: only its SHA-256, never the token itself. */
export interface StoredApiToken {
  id: string;
  name: string;
  hash: string;
  createdAt: string;
  expiresAt: string | null;
}

/**
 * API tokens for automation (`gatehouse admin token create`). A token is 32 random bytes, so a plain SHA-256 is
 * enough to store it: nothing can be guessed from the hash, and checking stays cheap on every API call.
 */
export class ApiTokens {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Creates a token; the clear value is returned once and never stored. */
  async create(name: string, lifetimeMs: number | null): Promise<{ token: string; record: StoredApiToken }> {
    const id = randomBytes(6).toString('hex');
    const token = `${PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const record: StoredApiToken = {
      id,
      name,
      hash: sha256(token),
      createdAt: new Date(now).toISOString(),
      expiresAt: lifetimeMs === null ? null : new Date(now + lifetimeMs).toISOString(),
    };
    await this.store.putRecord(KIND, id, record);
    return { token, record };
  }

  /** The token's record when the token is genuine and not expired; undefined otherwise. */
  async verify(token: string): Promise<StoredApiToken | undefined> {
    const match = /^gha_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(token);
    if (!match) return undefined;
    const record = await this.store.getRecord<StoredApiToken>(KIND, match[1]!);
    if (!record) return undefined;
    const expected = Buffer.from(record.hash, 'hex');
    const actual = Buffer.from(sha256(token), 'hex');
    if (!timingSafeEqual(expected, actual)) return undefined;
    if (record.expiresAt && Date.parse(record.expiresAt) <= this.clock.now()) return undefined;
    return record;
  }

  async list(): Promise<StoredApiToken[]> {
    return (await this.store.listRecords<StoredApiToken>(KIND)).map(([, record]) => record);
  }

  async revoke(id: string): Promise<boolean> {
    if (!(await this.store.getRecord(KIND, id))) return false;
    await this.store.deleteRecord(KIND, id);
    return true;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
