import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';

/** An activation code lives 10 minutes and works once. */
export const ACTIVATION_LIFETIME_MS = 10 * 60_000;
// Crockford's base32: no I, L, O or U, so a code read aloud or typed from the screen survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

/** What the portal shows while the user activates the app. */
export interface PendingActivation {
  code: string;
  expiresAt: number;
}

/** Whom a code activates a device for. */
export interface ActivationOwner {
  userId: string;
  login: string;
  name?: string;
}

interface CodeEntry extends ActivationOwner {
  expiresAt: number;
}

/**
 * One-time activation codes: 12 characters of base32 (60 bits), shown as XXXX-XXXX-XXXX. Only a hash of the code
 * keys the Store entry that redeems it, and redeeming is a Store.take, so of two apps sending the same code one wins.
 * The portal's page is shown again on every refresh, so the code being shown to a user is kept until it is used
 * or expires.
 */
export class ActivationCodes {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The user's current code, or a new one. */
  async issue(owner: ActivationOwner): Promise<PendingActivation> {
    const shown = await this.store.get<PendingActivation>(shownKey(owner.userId));
    if (shown && shown.expiresAt > this.clock.now() + 60_000) return shown;
    const code = newCode();
    const expiresAt = this.clock.now() + ACTIVATION_LIFETIME_MS;
    await this.store.set(codeKey(code), { ...owner, expiresAt } satisfies CodeEntry, ACTIVATION_LIFETIME_MS);
    await this.store.set(shownKey(owner.userId), { code, expiresAt } satisfies PendingActivation, ACTIVATION_LIFETIME_MS);
    return { code, expiresAt };
  }

  /** Whose code this is, without using it up (to check the device limit first); undefined when unknown or expired. */
  async peek(code: string): Promise<ActivationOwner | undefined> {
    const entry = await this.store.get<CodeEntry>(codeKey(code));
    return entry && entry.expiresAt > this.clock.now() ? owner(entry) : undefined;
  }

  /** Uses the code up; whose it was when it was valid. */
  async redeem(code: string): Promise<ActivationOwner | undefined> {
    const entry = await this.store.take<CodeEntry>(codeKey(code));
    if (!entry || entry.expiresAt <= this.clock.now()) return undefined;
    await this.store.delete(shownKey(entry.userId));
    return owner(entry);
  }

  /** Tells the portal page waiting for the app that a device was activated (what it is called). */
  async markActivated(userId: string, deviceName: string): Promise<void> {
    await this.store.set(activatedKey(userId), deviceName, ACTIVATION_LIFETIME_MS);
  }

  /** The name of the device activated since the portal showed the code, once; undefined when none yet. */
  takeActivated(userId: string): Promise<string | undefined> {
    return this.store.take<string>(activatedKey(userId));
  }

  /** Forgets the code being shown to the user (their devices were reset). */
  async withdraw(userId: string): Promise<void> {
    const shown = await this.store.take<PendingActivation>(shownKey(userId));
    if (shown) await this.store.delete(codeKey(shown.code));
  }
}

/** Upper case, no separators, and the letters people confuse with digits read as those digits. */
export function normalizeCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** XXXX-XXXX-XXXX. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

function owner({ userId, login, name }: CodeEntry): ActivationOwner {
  return { userId, login, ...(name ? { name } : {}) };
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

const codeKey = (code: string) => `push:activation:${createHash('sha256').update(code).digest('base64url')}`;
const shownKey = (userId: string) => `push:activation-shown:${userId}`;
const activatedKey = (userId: string) => `push:activated:${userId}`;
