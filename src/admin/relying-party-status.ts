import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RelyingPartyConfig } from '../config/index.js';

/** Certificates expiring within this are flagged, as AD FS warns before a relying party's certificate expires. */
const EXPIRING_MS = 30 * 86_400_000;

export type CertificateState = 'ok' | 'expiring' | 'expired' | 'unreadable';

export interface CertificateStatus {
  use: 'signing' | 'encryption';
  state: CertificateState;
  subject?: string;
  notAfter?: string;
  detail?: string;
}

/** A relying party as the admin pages list it: what identifies it and the state of its metadata. */
export interface RelyingPartyStatus {
  id: string;
  type: RelyingPartyConfig['type'];
  name: string;
  /** client_id, SAML entityID, WS-Fed realm. */
  identifier: string;
  endpoints: string[];
  certificates: CertificateStatus[];
  /** ok; warning (a certificate expires soon); error (a certificate is expired or unreadable). */
  status: 'ok' | 'warning' | 'error';
}

/** The relying parties from config with the state of the certificates they registered. */
export async function relyingPartyStatus(rps: readonly RelyingPartyConfig[], now: number): Promise<RelyingPartyStatus[]> {
  return Promise.all(rps.map((rp) => statusOf(rp, now)));
}

async function statusOf(rp: RelyingPartyConfig, now: number): Promise<RelyingPartyStatus> {
  const base = { id: rp.id, type: rp.type, name: rp.name ?? rp.id };
  let entry: Omit<RelyingPartyStatus, 'status'>;
  if (rp.type === 'oidc') entry = { ...base, identifier: rp.clientId ?? rp.id, endpoints: rp.redirectUris, certificates: [] };
  else if (rp.type === 'wsfed') entry = { ...base, identifier: rp.realm ?? rp.id, endpoints: [rp.reply], certificates: [] };
  else {
    const certificates: CertificateStatus[] = [];
    if (rp.signingCertificate) certificates.push(await certificateStatus('signing', rp.signingCertificate, now));
    if (rp.encryptionCertificate) certificates.push(await certificateStatus('encryption', rp.encryptionCertificate, now));
    entry = { ...base, identifier: rp.entityId ?? rp.id, endpoints: rp.acs.map((acs) => acs.url), certificates };
  }
  const states = entry.certificates.map((c) => c.state);
  const status = states.some((s) => s === 'expired' || s === 'unreadable') ? 'error' : states.includes('expiring') ? 'warning' : 'ok';
  return { ...entry, status };
}

/** A certificate given inline (PEM) or as a file path. */
async function certificateStatus(use: CertificateStatus['use'], value: string, now: number): Promise<CertificateStatus> {
  let pem: string;
  try {
    pem = value.includes('-----BEGIN') ? value : await readFile(value, 'utf8');
  } catch (error) {
    return { use, state: 'unreadable', detail: `cannot read ${value} (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const certificate = new X509Certificate(pem);
    const notAfter = Date.parse(certificate.validTo);
    const state: CertificateState = notAfter <= now ? 'expired' : notAfter - now < EXPIRING_MS ? 'expiring' : 'ok';
    return { use, state, subject: certificate.subject.replace(/\n/g, ', '), notAfter: new Date(notAfter).toISOString() };
  } catch {
    return { use, state: 'unreadable', detail: 'not a PEM certificate' };
  }
}
