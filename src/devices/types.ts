import type { JWK } from 'jose';
import type { AuditInput } from '../audit/types.js';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';

/** A phone (or the reference authenticator) bound to a user. A durable record: it survives restarts. */
export interface Device {
  id: string;
  userId: string;
  /** The user's login when the device was activated: the account name the app shows. */
  login: string;
  /** What the person called it ("Alice's Pixel"); shown in the portal and the audit. */
  name: string;
  /** android | ios | cli | …, as the app said. */
  platform: string;
  /** The device's ECDSA P-256 public key; every later call is signed with its private half. */
  publicJwk: JWK;
  /** ISO time of activation. */
  createdAt: string;
  /** The device may be used for passwordless sign-in (approvals then need PIN or biometrics). */
  passwordless: boolean;
  /** Where a wake-up notifier can reach the app (FCM, APNs, Web Push); no secret. */
  wake?: { type: string; token: string };
}

/** What the app sends with an approval about how the person unlocked it. */
export type UserVerification = 'pin' | 'biometric' | 'fingerprint' | 'face' | 'none';

/** `mfa`: the second factor after a password (the app enters the number); `passwordless`: the first (choose among three). */
export type PushKind = 'mfa' | 'passwordless';

/** One sign-in request waiting for the phone. Immutable once created; its answer is kept apart (answered once). */
export interface PushRequest {
  id: string;
  kind: PushKind;
  userId: string;
  login: string;
  /** The sign-in transaction that waits for the answer; it is signalled when the answer arrives. */
  transactionId: string;
  rpId: string;
  rpName: string;
  clientIp: string;
  /** The named location (config `locations`) the client address is in; null when none. */
  location: string | null;
  /** The number shown in the browser. */
  number: number;
  /** Passwordless: the three numbers the app offers (one is `number`). */
  choices?: number[];
  createdAt: number;
  expiresAt: number;
}

/** How a request ended. Written once (Store.setIfAbsent): the first of answer, cancel and expiry wins. */
export type PushAnswer =
  | { state: 'approved'; deviceId: string; uv: UserVerification; at: number }
  | { state: 'denied'; deviceId: string; reason: 'denied' | 'wrong_number'; at: number }
  | { state: 'fraud'; deviceId: string; at: number }
  | { state: 'cancelled'; at: number }
  | { state: 'expired'; at: number };

/** What a waiting sign-in learns about its request. */
export type PushOutcome =
  | { state: 'pending'; expiresAt: number }
  | { state: 'approved'; uv: UserVerification; amr: string[] }
  | { state: 'denied'; reason: 'denied' | 'wrong_number' }
  | { state: 'fraud' }
  | { state: 'cancelled' }
  | { state: 'expired' }
  | { state: 'unknown' };

/** Why a push was not sent. */
export type PushRefusal = 'no_device' | 'blocked' | 'cooling_down' | 'too_many_pending' | 'rate_limited';

export type SendResult =
  | { ok: true; requestId: string; number: number; expiresAt: number; /** The transaction's change count before this request: the page waits for more. */ since: number }
  | { ok: false; reason: PushRefusal };

/** Who a push goes to and what it shows. */
export interface SendInput {
  userId: string;
  login: string;
  transactionId: string;
  rpId: string;
  rpName: string;
  clientIp: string;
}

/**
 * Wakes an app so that it asks for its pending requests now (FCM, APNs, Web Push). A notifier carries no request
 * data and no secret, only "look now": the app then calls GET /device/v1/requests, signed as always.
 */
export interface WakeNotifier {
  /** The `wake.type` devices register with, e.g. "fcm". */
  readonly type: string;
  wake(token: string): Promise<void>;
}

/** The push settings (config `push`), durations in milliseconds. */
export interface PushSettings {
  timeout: number;
  passwordless: boolean;
  maxPendingPerUser: number;
  maxDevicesPerUser: number;
  rateLimit: { pushes: number; window: number };
  fatigue: { failures: number; window: number; coolDown: number };
}

/** What the device service needs from the composition root. */
export interface DeviceServiceDeps {
  store: Store;
  clock: Clock;
  settings: PushSettings;
  /** config `issuer`: the service URL in activation QR codes. */
  publicUrl: string;
  /** config `organization.name`: the account name the app shows. */
  organizationName: string;
  /** config `locations`: a client address inside one is shown to the app by its name. */
  locations: Readonly<Record<string, readonly string[]>>;
  audit?: { record(input: AuditInput): void };
  notifiers?: readonly WakeNotifier[];
  logger?: { warn(obj: object, msg?: string): void };
}
