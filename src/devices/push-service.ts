import { randomBytes, randomInt } from 'node:crypto';
import type { AuditInput } from '../audit/types.js';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';
import { TransactionSignals } from '../signin/transaction-signals.js';
import type { DeviceRecords } from './device-records.js';
import type { FraudBlocks } from './fraud-blocks.js';
import { locationNamer } from './location-name.js';
import { PushGuard } from './push-guard.js';
import { PushRequests } from './push-requests.js';
import type { Device, DeviceServiceDeps, PushAnswer, PushKind, PushOutcome, PushRequest, SendInput, SendResult } from './types.js';
import { amrForVerification } from './user-verification.js';

/**
 * Sends sign-in requests to a user's phones and tells the waiting sign-in how they ended. Every piece of state is in
 * the Store; an ending (answer, cancel, expiry) is written once and signalled on the transaction's channel, so the
 * node holding the browser's event stream hears of it wherever the answer arrived.
 */
export class PushService {
  readonly requests: PushRequests;
  readonly guard: PushGuard;
  readonly signals: TransactionSignals;
  readonly #locationOf: (ip: string) => string | null;

  constructor(
    private readonly deps: DeviceServiceDeps,
    readonly devices: DeviceRecords,
    readonly blocks: FraudBlocks,
  ) {
    this.requests = new PushRequests(deps.store, deps.clock);
    this.guard = new PushGuard(deps.store, deps.settings);
    this.signals = new TransactionSignals(deps.store);
    this.#locationOf = locationNamer(deps.locations);
  }

  private get clock(): Clock {
    return this.deps.clock;
  }

  private get store(): Store {
    return this.deps.store;
  }

  /** The user's devices a request of this kind goes to: passwordless ones only for passwordless. */
  async targets(userId: string, kind: PushKind): Promise<Device[]> {
    const devices = await this.devices.list(userId);
    return kind === 'passwordless' ? devices.filter((device) => device.passwordless) : devices;
  }

  /** Whether a push may go to this user at all now: not blocked after a fraud report, not cooling down. */
  async availability(userId: string): Promise<'ok' | 'blocked' | 'cooling_down'> {
    if (await this.blocks.isBlocked(userId)) return 'blocked';
    return (await this.guard.coolingDown(userId)) ? 'cooling_down' : 'ok';
  }

  /** Sends a request to the user's devices unless a limit refuses it. */
  async send(kind: PushKind, input: SendInput): Promise<SendResult> {
    const refused = await this.refusal(kind, input.userId);
    if (refused) {
      this.audit(input, { event: 'push.refused', result: 'failure', authMode: authMode(kind), reason: refused });
      return { ok: false, reason: refused };
    }
    const since = await this.signals.version(input.transactionId);
    const now = this.clock.now();
    const number = randomInt(10, 100);
    const request: PushRequest = {
      // Hex, so an id never starts with '-': it is typed on command lines (`authenticator respond --request ID`).
    id: randomBytes(18).toString('hex'),
      kind,
      userId: input.userId,
      login: input.login,
      transactionId: input.transactionId,
      rpId: input.rpId,
      rpName: input.rpName,
      clientIp: input.clientIp,
      location: this.#locationOf(input.clientIp),
      number,
      ...(kind === 'passwordless' ? { choices: threeChoices(number) } : {}),
      createdAt: now,
      expiresAt: now + this.deps.settings.timeout,
    };
    await this.requests.create(request);
    this.audit(input, { event: 'push.sent', result: 'pending', authMode: authMode(kind), reason: kind });
    await this.wake(input.userId, kind);
    return { ok: true, requestId: request.id, number, expiresAt: request.expiresAt, since };
  }

  /** How the request stands. An unanswered request past its time is settled as expired here (and counted). */
  async outcome(requestId: string): Promise<PushOutcome> {
    const request = await this.requests.get(requestId);
    if (!request) return { state: 'unknown' };
    let answer = await this.requests.answerOf(requestId);
    if (!answer) {
      if (this.clock.now() < request.expiresAt) return { state: 'pending', expiresAt: request.expiresAt };
      answer = (await this.settle(request, { state: 'expired', at: this.clock.now() })).answer;
    }
    switch (answer.state) {
      case 'approved':
        return { state: 'approved', uv: answer.uv, amr: ['swk', ...amrForVerification(answer.uv)] };
      case 'denied':
        return { state: 'denied', reason: answer.reason };
      default:
        return { state: answer.state };
    }
  }

  /** Cancels an unanswered request ("Use your password instead", a newer sign-in); true when it was still open. */
  async cancel(requestId: string): Promise<boolean> {
    const request = await this.requests.get(requestId);
    return request ? (await this.settle(request, { state: 'cancelled', at: this.clock.now() })).decided : false;
  }

  /** Cancels every unanswered request of this kind for the user; how many there were. */
  async cancelPending(userId: string, kind: PushKind): Promise<number> {
    let cancelled = 0;
    for (const request of await this.requests.pending(userId)) {
      if (request.kind === kind && (await this.cancel(request.id))) cancelled++;
    }
    return cancelled;
  }

  /**
   * Writes the request's ending unless it has one, audits it, counts denials and silence toward the cool-down,
   * tells the user's devices and the waiting sign-in. Returns the ending that holds and whether this call decided it.
   */
  async settle(request: PushRequest, answer: PushAnswer): Promise<{ answer: PushAnswer; decided: boolean }> {
    if (!(await this.requests.settle(request, answer))) return { answer: (await this.requests.answerOf(request.id)) ?? answer, decided: false };
    const fields = {
      transactionId: request.transactionId,
      uniqueId: request.login,
      clientIp: request.clientIp,
      rp: request.rpId,
      authMode: authMode(request.kind),
      ...('deviceId' in answer ? { deviceId: answer.deviceId } : {}),
    };
    this.deps.audit?.record({ ...fields, ...endingEvent(answer) });
    if ((answer.state === 'denied' || answer.state === 'expired') && (await this.guard.countFailure(request.userId))) {
      const { failures, coolDown } = this.deps.settings.fatigue;
      this.deps.audit?.record({ ...fields, event: 'push.cooldown', result: 'info', reason: `${failures} denied or unanswered; no push for ${Math.round(coolDown / 60_000)} min` });
    }
    await this.store.publish(userChannel(request.userId), 'answered');
    await this.signals.signal(request.transactionId);
    return { answer, decided: true };
  }

  /** The channel a device's long poll listens on for new (and settled) requests of its user. */
  userChannel(userId: string): string {
    return userChannel(userId);
  }

  private async refusal(kind: PushKind, userId: string) {
    const availability = await this.availability(userId);
    if (availability !== 'ok') return availability;
    if ((await this.targets(userId, kind)).length === 0) return 'no_device' as const;
    if ((await this.requests.pending(userId)).length >= this.deps.settings.maxPendingPerUser) return 'too_many_pending' as const;
    if (!(await this.guard.admit(userId))) return 'rate_limited' as const;
    return undefined;
  }

  private async wake(userId: string, kind: PushKind): Promise<void> {
    await this.store.publish(userChannel(userId), 'new');
    const notifiers = this.deps.notifiers ?? [];
    if (notifiers.length === 0) return;
    for (const device of await this.targets(userId, kind)) {
      const notifier = device.wake && notifiers.find((n) => n.type === device.wake!.type);
      // A wake-up is only a hint (the app also polls): a failed one is logged, never fatal.
      if (notifier) notifier.wake(device.wake!.token).catch((error: unknown) => this.deps.logger?.warn({ err: error, deviceId: device.id }, 'a wake-up notification failed'));
    }
  }

  private audit(input: SendInput, event: Omit<AuditInput, 'transactionId' | 'uniqueId' | 'clientIp' | 'rp'>): void {
    this.deps.audit?.record({ transactionId: input.transactionId, uniqueId: input.login, clientIp: input.clientIp, rp: input.rpId, ...event });
  }
}

/** The browser's number and two others, all different, in random order. */
function threeChoices(number: number): number[] {
  const choices = new Set([number]);
  while (choices.size < 3) choices.add(randomInt(10, 100));
  const list = [...choices];
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** The audit event of an ending (the names `gatehouse report` counts: approved, denied, unanswered, fraud). */
function endingEvent(answer: PushAnswer): Pick<AuditInput, 'event' | 'result' | 'reason'> {
  switch (answer.state) {
    case 'approved':
      return { event: 'push.approved', result: 'success', reason: `uv=${answer.uv}` };
    case 'denied':
      return { event: 'push.denied', result: 'failure', reason: answer.reason };
    case 'fraud':
      return { event: 'push.fraud', result: 'failure', reason: 'fraud_reported' };
    case 'cancelled':
      return { event: 'push.cancelled', result: 'info' };
    case 'expired':
      return { event: 'push.unanswered', result: 'failure', reason: 'timeout' };
  }
}

const authMode = (kind: PushKind) => (kind === 'passwordless' ? 'passwordless' : 'push');
const userChannel = (userId: string) => `push:user:${userId}`;
