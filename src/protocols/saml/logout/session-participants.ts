import { createHmac } from 'node:crypto';
import type { Store } from '../../../store/types.js';
import type { SessionParticipant } from '../types.js';

const KEY = (ssoSessionId: string) => `saml:participants:${ssoSessionId}`;

/**
 * The SAML SPs an SSO session signed in to, with the NameID and SessionIndex each was given: single logout needs
 * them to address each SP. Kept in the Store beside the session (same lifetime), one set per session.
 */
export class SessionParticipants {
  constructor(private readonly store: Store) {}

  async add(ssoSessionId: string, participant: SessionParticipant, ttlMs: number): Promise<void> {
    await this.store.addToSet(KEY(ssoSessionId), JSON.stringify(participant), Math.max(ttlMs, 1000));
  }

  async list(ssoSessionId: string): Promise<SessionParticipant[]> {
    const members = await this.store.setMembers(KEY(ssoSessionId));
    return members.map((member) => JSON.parse(member) as SessionParticipant);
  }

  async clear(ssoSessionId: string): Promise<void> {
    await this.store.delete(KEY(ssoSessionId));
  }
}

/** The SessionIndex of an SSO session: derived (HMAC) from its id, so it is stable yet never reveals the cookie. */
export function sessionIndexFor(key: Buffer, ssoSessionId: string): string {
  return `_${createHmac('sha256', key).update(ssoSessionId).digest('base64url').slice(0, 32)}`;
}
