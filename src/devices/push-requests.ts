import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';
import type { PushAnswer, PushRequest } from './types.js';

/** Requests and answers are kept this long past expiry, so a late answer learns "expired" rather than "unknown". */
export const AFTERLIFE_MS = 5 * 60_000;

/**
 * Pending requests in the Store: the request (immutable) under `push:request:<id>`, its answer under
 * `push:answer:<id>` written once with setIfAbsent (the first of approve, deny, fraud, cancel and expiry wins on
 * every node), and the user's request ids in the set `push:user:<userId>`.
 */
export class PushRequests {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async create(request: PushRequest): Promise<void> {
    const ttl = this.ttl(request);
    await this.store.set(requestKey(request.id), request, ttl);
    await this.store.addToSet(userKey(request.userId), request.id, ttl);
  }

  get(id: string): Promise<PushRequest | undefined> {
    return /^[A-Za-z0-9_-]{16,64}$/.test(id) ? this.store.get<PushRequest>(requestKey(id)) : Promise.resolve(undefined);
  }

  answerOf(id: string): Promise<PushAnswer | undefined> {
    return this.store.get<PushAnswer>(answerKey(id));
  }

  /** Writes the answer unless the request already has one; true when this call decided it. */
  settle(request: PushRequest, answer: PushAnswer): Promise<boolean> {
    return this.store.setIfAbsent(answerKey(request.id), answer, this.ttl(request));
  }

  /** The user's requests that are neither answered nor expired, oldest first. */
  async pending(userId: string): Promise<PushRequest[]> {
    const ids = await this.store.setMembers(userKey(userId));
    const now = this.clock.now();
    const entries = await Promise.all(ids.map(async (id) => [await this.get(id), await this.answerOf(id)] as const));
    return entries
      .filter((entry): entry is readonly [PushRequest, undefined] => entry[0] !== undefined && entry[1] === undefined && entry[0].expiresAt > now)
      .map(([request]) => request)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  private ttl(request: PushRequest): number {
    return Math.max(1_000, request.expiresAt - this.clock.now() + AFTERLIFE_MS);
  }
}

const requestKey = (id: string) => `push:request:${id}`;
const answerKey = (id: string) => `push:answer:${id}`;
const userKey = (userId: string) => `push:user:${userId}`;
