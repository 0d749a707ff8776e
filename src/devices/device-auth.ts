import { createHash } from 'node:crypto';
import { base64url, compactVerify, decodeProtectedHeader, importJWK, type JWK, type ProtectedHeaderParameters } from 'jose';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/types.js';
import { unauthorized } from './device-api-error.js';
import type { DeviceRecords } from './device-records.js';
import type { Device } from './types.js';

/** How far a device's clock may be from Gatehouse's. */
export const CLOCK_SKEW_MS = 2 * 60_000;
/** Nonces are kept while a signature carrying them could still be accepted. */
const NONCE_TTL_MS = 2 * CLOCK_SKEW_MS + 60_000;
export const SIGNATURE_TYPE = 'gatehouse-device+jwt';
const SCHEME = 'Device ';

/** One HTTP call as the device sent it. */
export interface DeviceCall {
  method: string;
  /** The path and query string as received, starting with /device/v1. */
  target: string;
  body: Buffer;
  authorization: string | undefined;
}

interface Claims {
  htm: string;
  htu: string;
  bh: string;
  iat: number;
  jti: string;
}

/**
 * Checks the JWS on every device call (docs/device-api.md, "Signing"): ES256 by the device's key, over the method,
 * the path, the SHA-256 of the body, the time and a nonce. Stale times, replayed nonces, unknown devices and any
 * mismatch are refused with 401 and a code saying which.
 */
export class DeviceAuthenticator {
  readonly #keys = new Map<string, { x: string; y: string; key: CryptoKey | Uint8Array }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly devices: DeviceRecords,
  ) {}

  /** A call from an activated device (header `kid`): the device, once every check passed. */
  async device(call: DeviceCall): Promise<Device> {
    const { jws, header } = parse(call);
    if (typeof header.kid !== 'string' || header.jwk !== undefined) throw unauthorized('invalid_signature', 'The signature must name the device (kid).');
    const device = /^[A-Za-z0-9_-]{16,64}$/.test(header.kid) ? await this.devices.get(header.kid) : undefined;
    if (!device) throw unauthorized('unknown_device', 'This device is not activated (or was removed).');
    await this.check(call, jws, await this.keyOf(device), `d:${device.id}`);
    return device;
  }

  /** The activation call, signed by the new key it carries (header `jwk`): the public key, once every check passed. */
  async newKey(call: DeviceCall): Promise<JWK> {
    const { jws, header } = parse(call);
    const jwk = header.jwk;
    if (!jwk || header.kid !== undefined || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string' || 'd' in jwk) {
      throw unauthorized('invalid_signature', 'Activation must be signed by the new public key (an EC P-256 jwk in the header).');
    }
    const publicJwk: JWK = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
    const key = await importJWK(publicJwk, 'ES256').catch(() => {
      throw unauthorized('invalid_signature', 'The public key is not a valid P-256 key.');
    });
    await this.check(call, jws, key, `k:${jwk.x}`);
    return publicJwk;
  }

  private async check(call: DeviceCall, jws: string, key: CryptoKey | Uint8Array, signer: string): Promise<void> {
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(jws, key, { algorithms: ['ES256'] }));
    } catch {
      throw unauthorized('invalid_signature', 'The signature does not verify.');
    }
    const claims = readClaims(payload);
    if (claims.htm !== call.method || claims.htu !== call.target) throw unauthorized('wrong_target', 'The signature was made for another method or path.');
    if (claims.bh !== base64url.encode(createHash('sha256').update(call.body).digest())) throw unauthorized('body_mismatch', 'The signature was made for another body.');
    if (Math.abs(claims.iat * 1000 - this.clock.now()) > CLOCK_SKEW_MS) throw unauthorized('stale', 'The signature time (iat) is too far from the server time.');
    const nonce = createHash('sha256').update(`${signer}:${claims.jti}`).digest('base64url');
    if (!(await this.store.setIfAbsent(`push:nonce:${nonce}`, 1, NONCE_TTL_MS))) throw unauthorized('replayed', 'This signature (jti) was already used.');
  }

  /** The device's key, imported once per process (a cache only: the record read on every call stays the truth). */
  private async keyOf(device: Device): Promise<CryptoKey | Uint8Array> {
    const { x, y } = device.publicJwk;
    const cached = this.#keys.get(device.id);
    if (cached && cached.x === x && cached.y === y) return cached.key;
    const key = await importJWK({ kty: 'EC', crv: 'P-256', x, y }, 'ES256');
    if (this.#keys.size >= 10_000) this.#keys.clear();
    this.#keys.set(device.id, { x: String(x), y: String(y), key });
    return key;
  }
}

function parse(call: DeviceCall): { jws: string; header: ProtectedHeaderParameters } {
  const value = call.authorization;
  if (!value?.startsWith(SCHEME)) throw unauthorized('invalid_signature', 'The call must carry "Authorization: Device <JWS>".');
  const jws = value.slice(SCHEME.length).trim();
  if (jws.length > 4096 || jws.split('.').length !== 3) throw unauthorized('invalid_signature', 'The Authorization header does not hold a compact JWS.');
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw unauthorized('invalid_signature', 'The JWS header cannot be read.');
  }
  if (header.alg !== 'ES256' || header.typ !== SIGNATURE_TYPE) throw unauthorized('invalid_signature', `The JWS must have alg ES256 and typ ${SIGNATURE_TYPE}.`);
  return { jws, header };
}

function readClaims(payload: Uint8Array): Claims {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw unauthorized('invalid_signature', 'The JWS payload is not JSON.');
  }
  const claims = value as Partial<Claims> | null;
  if (
    !claims ||
    typeof claims.htm !== 'string' ||
    typeof claims.htu !== 'string' ||
    typeof claims.bh !== 'string' ||
    typeof claims.iat !== 'number' ||
    typeof claims.jti !== 'string' ||
    claims.jti.length < 16 ||
    claims.jti.length > 128
  ) {
    throw unauthorized('invalid_signature', 'The JWS payload needs htm, htu, bh, iat and jti (at least 16 characters).');
  }
  return claims as Claims;
}
