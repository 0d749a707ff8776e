import { exportJWK, generateKeyPair } from 'jose';
import { assertNoProfile, createProfile, readProfile, saveProfile, type AuthenticatorProfile } from './authenticator-profile.js';
import { deviceCall } from './authenticator-client.js';

/** A request as the service lists it (docs/device-api.md, "Pending requests"). */
export interface PendingRequest {
  id: string;
  kind: 'mfa' | 'passwordless';
  rp: { name: string };
  client: { ip: string; location: string | null };
  time: string;
  expiresAt: string;
  account: { login: string; organization: string };
  match: { type: 'enter'; digits: number } | { type: 'choose'; choices: number[] };
}

interface ActivatedDevice {
  deviceId: string;
  name: string;
  passwordless: boolean;
  account: { login: string; organization: string };
  service: string;
}

/** Where an activation QR code's URL points: the service base, and the code. */
export function parseActivation(urlOrCode: string, defaultService: () => string): { service: string; code: string } {
  if (!/^https?:\/\//i.test(urlOrCode)) return { service: defaultService(), code: urlOrCode };
  const url = new URL(urlOrCode);
  const code = url.searchParams.get('code');
  const at = url.pathname.indexOf('/device/v1/activate');
  if (!code || at < 0) throw new Error('this URL is not an activation URL (…/device/v1/activate?code=…)');
  return { service: `${url.origin}${url.pathname.slice(0, at)}`, code };
}

/** Generates a P-256 key pair, activates it with the code, and keeps it in a new profile file (mode 0600). */
export async function enroll(file: string, service: string, code: string, name: string): Promise<AuthenticatorProfile> {
  // Checked before the code is used up: a profile that cannot be written would leave a device nobody holds.
  await assertNoProfile(file);
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const publicJwk = await exportJWK(publicKey);
  const device = await deviceCall<ActivatedDevice>(service, { privateJwk, jwk: publicJwk }, 'POST', '/device/v1/activate', { code, name, platform: 'cli' });
  const profile: AuthenticatorProfile = {
    version: 1,
    service,
    deviceId: device.deviceId,
    name: device.name,
    account: device.account,
    passwordless: device.passwordless,
    privateJwk,
    publicJwk,
  };
  await createProfile(file, profile);
  return profile;
}

/** The requests waiting for this device; with `waitSeconds`, waits for one to arrive (long poll). */
export async function pending(file: string, waitSeconds = 0): Promise<PendingRequest[]> {
  const profile = await readProfile(file);
  const path = waitSeconds > 0 ? `/device/v1/requests?wait=${waitSeconds}` : '/device/v1/requests';
  return (await deviceCall<{ requests: PendingRequest[] }>(profile.service, signer(profile), 'GET', path)).requests;
}

export type Response = { action: 'approve'; number: number; uv: 'pin' | 'biometric' | 'none' } | { action: 'deny' } | { action: 'fraud' };

/** Answers one request; the service's result. */
export async function respond(file: string, requestId: string, response: Response): Promise<{ id: string; result: string; reason?: string }> {
  const profile = await readProfile(file);
  const answer = await deviceCall<{ result: string; reason?: string }>(profile.service, signer(profile), 'POST', `/device/v1/requests/${encodeURIComponent(requestId)}/answer`, response);
  return { id: requestId, ...answer };
}

/** Enables or disables passwordless sign-in on this device (enabling says the PIN was given). */
export async function setPasswordless(file: string, enabled: boolean): Promise<AuthenticatorProfile> {
  const profile = await readProfile(file);
  const device = await deviceCall<ActivatedDevice>(profile.service, signer(profile), 'PATCH', '/device/v1/device', enabled ? { passwordless: true, uv: 'pin' } : { passwordless: false });
  const updated = { ...profile, passwordless: device.passwordless };
  await saveProfile(file, updated);
  return updated;
}

function signer(profile: AuthenticatorProfile) {
  return { privateJwk: profile.privateJwk, kid: profile.deviceId };
}
