import { createHash, randomBytes } from 'node:crypto';
import { base64url, CompactSign, importJWK, type JWK } from 'jose';

/** The JWS `typ` of every device call (docs/device-api.md, "Signing"). */
const SIGNATURE_TYPE = 'gatehouse-device+jwt';

/** Who signs: an activated device (kid) or a new key activating itself (jwk in the header). */
export type Signer = { privateJwk: JWK; kid: string } | { privateJwk: JWK; jwk: JWK };

/** An answer of the device API that is not a success. */
export class DeviceApiCallError extends Error {
  override readonly name = 'DeviceApiCallError';
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
  ) {
    super(`${description} (${status} ${code})`);
  }
}

/**
 * One call to the device API, signed as docs/device-api.md says: an ES256 compact JWS over the method, the path
 * and query, the SHA-256 of the exact body, the time and a random nonce, in `Authorization: Device <JWS>`.
 * This client speaks only HTTP and the documented formats: it shares no code with the service.
 */
export async function deviceCall<T>(service: string, signer: Signer, method: string, path: string, body?: unknown): Promise<T> {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body), 'utf8');
  const url = new URL(`${service.replace(/\/+$/, '')}${path}`);
  const claims = {
    htm: method,
    htu: url.pathname + url.search,
    bh: base64url.encode(createHash('sha256').update(bytes).digest()),
    iat: Math.floor(Date.now() / 1000),
    jti: randomBytes(16).toString('base64url'),
  };
  const header = { alg: 'ES256', typ: SIGNATURE_TYPE, ...('kid' in signer ? { kid: signer.kid } : { jwk: signer.jwk }) };
  const key = await importJWK(signer.privateJwk, 'ES256');
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader(header).sign(key);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization: `Device ${jws}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: bytes }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach ${url.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) throw new DeviceApiCallError(response.status, String(parsed.error ?? 'error'), String(parsed.error_description ?? response.statusText));
  return parsed as T;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return { error: 'not_json', error_description: 'the service did not answer JSON (is this a Gatehouse address?)' };
  }
}
