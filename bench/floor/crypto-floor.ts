import { createSign } from 'node:crypto';
import { CompactSign, compactVerify, type JWK } from 'jose';
import type { CryptoFloor } from '../common/matrix-results.js';
import { loadOrCreateKeys, type KeySet } from '../../src/keys/index.js';
import { signXml } from '../../src/xml/index.js';
import { makeTempDir } from '../signin/servers/temp-dir.js';
import { idTokenPayload } from './id-token-payload.js';
import { measureRate, type MeasureRateOptions, type Rate } from './measure-rate.js';
import { samlAssertionXml } from './saml-assertion.js';

export interface CryptoFloorOptions {
  /** Measured time per figure (RS256 sign, RS256 verify, XML signature, bare RSA), ms; 3000 unless told. */
  durationMs?: number;
  /** Told each figure as it is measured, with both clocks, so a caller can show how contended the machine was. */
  onFigure?: (figure: FloorFigure, rate: Rate) => void;
}

export type FloorFigure = 'RS256 sign' | 'RS256 verify' | 'SAML XML signature' | 'RSA-SHA256 alone';

const WARMUP_MS = 500;
const BATCHES = 5;

/** Measures one figure and returns its CPU ms per operation. */
type MeasureMs = (figure: FloorFigure, operation: () => unknown) => Promise<number>;

/**
 * What one signature costs on this machine, one at a time in this process: the floor under any sign-in's CPU,
 * whatever the server around it does. Keys are fresh RSA 2048 keys made by Gatehouse's own key code.
 *
 * The figures come from this process's CPU time, not wall time: the benchmark machine is shared (the load
 * generator, slapd, Redis, other runs), and a signature preempted by a neighbour did not cost more. Per second
 * means per second of one thread's CPU.
 */
export async function measureCryptoFloor(options: CryptoFloorOptions = {}): Promise<CryptoFloor> {
  const settings: MeasureRateOptions = { durationMs: options.durationMs ?? 3000, warmupMs: WARMUP_MS, batches: BATCHES };
  const measure = async (figure: FloorFigure, operation: () => unknown) => {
    const rate = await measureRate(operation, settings);
    options.onFigure?.(figure, rate);
    return rate.cpuMsPerOperation;
  };
  const temp = await makeTempDir('gatehouse-crypto-floor-');
  try {
    const keys = await loadOrCreateKeys({ dir: `${temp.dir}/keys`, organizationName: 'Bench' });
    return { rs256: await measureRs256(keys, measure), samlSignature: await measureSamlSignature(keys, measure) };
  } finally {
    await temp.remove();
  }
}

/**
 * oidc-provider's own path: its jwks configuration holds private JWKs, and it hands the JWK to jose's CompactSign,
 * which imports it once (cached per JWK object) and signs with WebCrypto. WebCrypto runs the RSA operation on a
 * libuv pool thread; awaiting each before the next keeps exactly one in flight, i.e. one thread's worth.
 */
async function measureRs256(keys: KeySet, measure: MeasureMs): Promise<CryptoFloor['rs256']> {
  // Copies: jose freezes a JWK it is given, and the KeySet's own objects are not this benchmark's to freeze.
  const privateJwk: JWK = { ...keys.privateJwks().keys[0]! };
  const publicJwk: JWK = { ...keys.jwks().keys[0]! };
  const header = { alg: 'RS256', kid: keys.signing.kid };
  const sign = () => new CompactSign(Buffer.from(JSON.stringify(idTokenPayload()))).setProtectedHeader(header).sign(privateJwk);
  const signMs = await measure('RS256 sign', sign);
  const token = await sign();
  const verifyMs = await measure('RS256 verify', () => compactVerify(token, publicJwk, { algorithms: ['RS256'] }));
  return { signaturesPerSecond: 1000 / signMs, msPerSignature: signMs, verificationsPerSecond: 1000 / verifyMs };
}

/**
 * Gatehouse's signXml over a built assertion, placed after Issuer as issueResponse does; then the RSA-SHA256
 * signature alone over a SignedInfo of the same bytes, the way xml-crypto calls node:crypto, so the share of
 * the whole that is RSA (the rest: parsing, exclusive C14N, digest, serializing) can be told apart.
 */
async function measureSamlSignature(keys: KeySet, measure: MeasureMs): Promise<CryptoFloor['samlSignature']> {
  const signingKey = { privateKey: keys.signing.privateKey, certificateDer: keys.signing.certificateDer };
  const assertion = samlAssertionXml();
  const signXmlOnce = () => signXml(assertion, signingKey, { placement: { after: 'Issuer' } });
  const wholeMs = await measure('SAML XML signature', signXmlOnce);
  const signedInfo = signedInfoOf(signXmlOnce());
  const rsaMs = await measure('RSA-SHA256 alone', () => createSign('RSA-SHA256').update(signedInfo).sign(keys.signing.privateKey, 'base64'));
  return { signaturesPerSecond: 1000 / wholeMs, msPerSignature: wholeMs, rsaShareOfSignature: rsaMs / wholeMs };
}

/** The ds:SignedInfo element as serialized: within a few bytes of its canonical form, which is all RSA-SHA256 needs here. */
function signedInfoOf(signedXml: string): string {
  const match = /<ds:SignedInfo[\s\S]*?<\/ds:SignedInfo>/.exec(signedXml);
  if (!match) throw new Error('the signed assertion has no ds:SignedInfo');
  return match[0];
}
