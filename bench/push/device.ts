import { createHash, randomBytes } from 'node:crypto';
import { base64url, CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** A signed device call, built before the clock starts (a phone signs before it sends). */
export interface SignedCall {
  url: string;
  init: RequestInit;
}

/** The benchmark's phone: a P-256 key, signing calls as docs/device-api.md says. */
export class BenchDevice {
  private constructor(
    readonly service: string,
    private readonly key: CryptoKey | Uint8Array,
    readonly publicJwk: JWK,
    public deviceId = '',
  ) {}

  static async create(service: string): Promise<BenchDevice> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    return new BenchDevice(service, await importJWK(await exportJWK(privateKey), 'ES256'), await exportJWK(publicKey));
  }

  async sign(method: string, path: string, body?: unknown): Promise<SignedCall> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const claims = { htm: method, htu: path, bh: base64url.encode(createHash('sha256').update(text).digest()), iat: Math.floor(Date.now() / 1000), jti: randomBytes(16).toString('base64url') };
    const header = { alg: 'ES256', typ: 'gatehouse-device+jwt', ...(this.deviceId ? { kid: this.deviceId } : { jwk: this.publicJwk }) };
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader(header).sign(this.key);
    return { url: `${this.service}${path}`, init: { method, headers: { authorization: `Device ${jws}`, ...(text ? { 'content-type': 'application/json' } : {}) }, ...(text ? { body: text } : {}) } };
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { url, init } = await this.sign(method, path, body);
    const response = await fetch(url, init);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}
