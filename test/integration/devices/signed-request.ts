import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { base64url, CompactSign, importJWK, type JWK } from 'jose';

/** A device call built by hand, so a test can bend one part of it (the key, the time, the body, the path). */
export interface HandmadeCall {
  url: string;
  init: RequestInit;
}

export interface Bend {
  /** Sign with this private key instead of the profile's. */
  privateJwk?: JWK;
  /** Name this device id instead of the profile's. */
  kid?: string;
  /** Seconds added to the signature time. */
  iatShift?: number;
  /** Sign over this body, send `body`. */
  signedBody?: string;
  /** Sign for this path, send to the real one. */
  signedPath?: string;
}

interface Profile {
  service: string;
  deviceId: string;
  privateJwk: JWK;
}

export async function loadProfile(file: string): Promise<Profile> {
  return JSON.parse(await readFile(file, 'utf8')) as Profile;
}

/** Builds a signed call exactly as docs/device-api.md describes, bent where the test asks. */
export async function handmadeCall(profile: Profile, method: string, path: string, body?: unknown, bend: Bend = {}): Promise<HandmadeCall> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const claims = {
    htm: method,
    htu: bend.signedPath ?? path,
    bh: base64url.encode(createHash('sha256').update(bend.signedBody ?? text).digest()),
    iat: Math.floor(Date.now() / 1000) + (bend.iatShift ?? 0),
    jti: randomBytes(16).toString('base64url'),
  };
  const key = await importJWK(bend.privateJwk ?? profile.privateJwk, 'ES256');
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'ES256', typ: 'gatehouse-device+jwt', kid: bend.kid ?? profile.deviceId })
    .sign(key);
  return {
    url: `${profile.service}${path}`,
    init: { method, headers: { authorization: `Device ${jws}`, ...(text ? { 'content-type': 'application/json' } : {}) }, ...(text ? { body: text } : {}) },
  };
}

/** Sends the call; the status and the JSON answer. */
export async function send(call: HandmadeCall): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(call.url, call.init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
