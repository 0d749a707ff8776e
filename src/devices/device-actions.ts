import { createHash, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { z } from 'zod';
import { normalizeCode } from './activation-codes.js';
import { DeviceApiError } from './device-api-error.js';
import { DeviceLimitError } from './device-records.js';
import type { DeviceService } from './create-device-service.js';
import type { Device, PushAnswer, PushRequest, UserVerification } from './types.js';
import { isVerified } from './user-verification.js';

const ACTIVATION_FAILURES = 20;
const ACTIVATION_FAILURE_WINDOW_MS = 10 * 60_000;

const wake = z.strictObject({ type: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), token: z.string().min(1).max(4096) });
const uv = z.enum(['pin', 'biometric', 'fingerprint', 'face', 'none'] as const satisfies readonly UserVerification[]);

export const activationBody = z.strictObject({
  code: z.string().max(64),
  name: z.string().trim().min(1).max(64),
  platform: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  wake: wake.optional(),
});

export const answerBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('approve'), number: z.number().int().min(0).max(999), uv: uv.default('none') }),
  z.strictObject({ action: z.literal('deny') }),
  z.strictObject({ action: z.literal('fraud') }),
]);

export const settingsBody = z.strictObject({
  passwordless: z.boolean().optional(),
  uv: uv.optional(),
  name: z.string().trim().min(1).max(64).optional(),
  wake: wake.nullable().optional(),
});

/** A device as the app (and the portal) sees it: never the key. */
export function deviceView(device: Device, organization: string) {
  return {
    deviceId: device.id,
    name: device.name,
    platform: device.platform,
    passwordless: device.passwordless,
    createdAt: device.createdAt,
    account: { login: device.login, organization },
  };
}

/** A request as the app shows it: who asks, from where, when, and how to match the number. */
export function requestView(request: PushRequest, organization: string) {
  return {
    id: request.id,
    kind: request.kind,
    rp: { name: request.rpName },
    client: { ip: request.clientIp, location: request.location },
    time: new Date(request.createdAt).toISOString(),
    expiresAt: new Date(request.expiresAt).toISOString(),
    account: { login: request.login, organization },
    match: request.choices ? { type: 'choose' as const, choices: request.choices } : { type: 'enter' as const, digits: 2 },
  };
}

/** Binds a new device (its key already proven by the call's signature) to the user whose activation code it sent. */
export async function activateDevice(service: DeviceService, body: z.output<typeof activationBody>, publicJwk: JWK, clientIp: string): Promise<Device> {
  const { store, clock, settings, audit } = service.deps;
  const failures = `push:activation-failures:${createHash('sha256').update(clientIp).digest('base64url')}`;
  if (Number((await store.get(failures)) ?? 0) >= ACTIVATION_FAILURES) throw new DeviceApiError(429, 'too_many_attempts', 'Too many wrong activation codes from this address; wait ten minutes.');
  const code = normalizeCode(body.code);
  const owner = code ? await service.activation.peek(code) : undefined;
  if (!code || !owner) {
    await store.increment(failures, ACTIVATION_FAILURE_WINDOW_MS);
    audit?.record({ event: 'device.activated', result: 'failure', reason: 'invalid_code', clientIp, authMode: 'push' });
    throw new DeviceApiError(400, 'invalid_code', 'This activation code is not valid: it is wrong, used or expired. Show a new QR code in the portal.');
  }
  const fields = { uniqueId: owner.login, clientIp, authMode: 'push' };
  // The limit is checked before the code is used up, so the person can remove a device and try the same code.
  if ((await service.records.list(owner.userId)).length >= settings.maxDevicesPerUser) throw deviceLimit(service, fields, settings.maxDevicesPerUser);
  if (!(await service.activation.redeem(code))) throw new DeviceApiError(400, 'invalid_code', 'This activation code was just used.');
  const device: Device = {
    // Hex, so an id never starts with '-': it is typed on command lines (`authenticator respond --request ID`).
    id: randomBytes(18).toString('hex'),
    userId: owner.userId,
    login: owner.login,
    name: body.name,
    platform: body.platform,
    publicJwk,
    createdAt: new Date(clock.now()).toISOString(),
    passwordless: false,
    ...(body.wake ? { wake: body.wake } : {}),
  };
  try {
    await service.records.add(device, settings.maxDevicesPerUser);
  } catch (error) {
    if (error instanceof DeviceLimitError) throw deviceLimit(service, fields, error.limit);
    throw error;
  }
  await service.activation.markActivated(owner.userId, device.name);
  audit?.record({ ...fields, event: 'device.activated', result: 'success', deviceId: device.id, reason: device.platform });
  return device;
}

function deviceLimit(service: DeviceService, fields: { uniqueId: string; clientIp: string; authMode: string }, limit: number): DeviceApiError {
  service.deps.audit?.record({ ...fields, event: 'device.activated', result: 'failure', reason: 'device_limit' });
  return new DeviceApiError(409, 'device_limit', `You already have ${limit} devices, the most allowed. Remove one in the portal, then activate this one.`);
}

/** The requests this device may answer now, oldest first; passwordless ones only on a passwordless device. */
export async function visibleRequests(service: DeviceService, device: Device): Promise<PushRequest[]> {
  const pending = await service.push.requests.pending(device.userId);
  return pending.filter((request) => request.kind === 'mfa' || device.passwordless);
}

/** The device's answer. Each request is answered once, until it expires; a wrong number is a denial. */
export async function answerRequest(service: DeviceService, device: Device, requestId: string, body: z.output<typeof answerBody>): Promise<{ result: string; reason?: string }> {
  const { push } = service;
  const now = service.deps.clock.now();
  const request = await push.requests.get(requestId);
  if (!request || request.userId !== device.userId) throw new DeviceApiError(404, 'unknown_request', 'There is no such request for this account.');
  if (request.kind === 'passwordless' && !device.passwordless) throw new DeviceApiError(403, 'not_passwordless_device', 'This device is not enabled for passwordless sign-in.');
  const earlier = await push.requests.answerOf(request.id);
  if (earlier) throw answeredError(earlier);
  if (now >= request.expiresAt) {
    await push.settle(request, { state: 'expired', at: now });
    throw answeredError({ state: 'expired', at: now });
  }
  let answer: PushAnswer;
  if (body.action === 'approve') {
    const verification = body.uv;
    if (request.kind === 'passwordless' && !isVerified(verification)) {
      throw new DeviceApiError(422, 'uv_required', 'A passwordless sign-in must be approved with the PIN or biometrics.');
    }
    answer =
      body.number === request.number
        ? { state: 'approved', deviceId: device.id, uv: verification, at: now }
        : { state: 'denied', deviceId: device.id, reason: 'wrong_number', at: now };
  } else if (body.action === 'deny') answer = { state: 'denied', deviceId: device.id, reason: 'denied', at: now };
  else answer = { state: 'fraud', deviceId: device.id, at: now };

  const settled = await push.settle(request, answer);
  if (!settled.decided) throw answeredError(settled.answer);
  if (answer.state === 'fraud') {
    await service.blocks.block(device.userId, { since: new Date(now).toISOString(), requestId: request.id, transactionId: request.transactionId, deviceId: device.id });
    service.deps.audit?.record({
      event: 'user.blocked',
      result: 'info',
      reason: 'fraud_reported',
      transactionId: request.transactionId,
      uniqueId: request.login,
      deviceId: device.id,
      clientIp: request.clientIp,
      authMode: 'push',
    });
  }
  switch (answer.state) {
    case 'approved':
      return { result: 'approved' };
    case 'denied':
      return { result: 'denied', reason: answer.reason };
    default:
      return { result: 'fraud_reported' };
  }
}

function answeredError(answer: PushAnswer): DeviceApiError {
  if (answer.state === 'expired') return new DeviceApiError(410, 'expired', 'This request has expired.');
  if (answer.state === 'cancelled') return new DeviceApiError(410, 'cancelled', 'This request was cancelled: the sign-in went another way.');
  return new DeviceApiError(409, 'already_answered', 'This request has already been answered.');
}

/** Changes the device's settings; enabling passwordless needs the person verified on the device. */
export async function updateDevice(service: DeviceService, device: Device, body: z.output<typeof settingsBody>): Promise<Device> {
  if (body.passwordless === true && !device.passwordless && !isVerified(body.uv ?? 'none')) {
    throw new DeviceApiError(422, 'uv_required', 'Enabling passwordless sign-in needs the PIN or biometrics (uv).');
  }
  const { wake: newWake, ...rest } = body;
  const updated: Device = {
    ...device,
    ...(rest.name !== undefined ? { name: rest.name } : {}),
    ...(rest.passwordless !== undefined ? { passwordless: rest.passwordless } : {}),
  };
  if (newWake === null) delete updated.wake;
  else if (newWake) updated.wake = newWake;
  await service.records.update(updated);
  if (device.passwordless !== updated.passwordless) {
    service.deps.audit?.record({ event: 'device.updated', result: 'success', uniqueId: device.login, deviceId: device.id, authMode: 'push', reason: `passwordless=${updated.passwordless}` });
  }
  return updated;
}
