import { z } from 'zod';

/**
 * The backup file (docs/operations.md, "Back up and restore"):
 *
 *   GATEHOUSE-BACKUP 1\n                      magic and format version
 *   {header JSON}\n                           how it was made and encrypted (authenticated, not secret)
 *   ciphertext                                AES-256-GCM of gzip(records as JSON lines); header lines as AAD
 *   tag                                       16 bytes, GCM authentication tag
 *   \nSHA256 <64 hex>\n                       checksum of every byte before it, to tell damage from a wrong key
 *
 * The plaintext is one JSON line per record, {"k":kind,"i":id,"v":value}, then {"end":true,"records":N,"kinds":K}.
 */
export const MAGIC = 'GATEHOUSE-BACKUP 1\n';
export const FORMAT = 1;
export const TAG_BYTES = 16;
export const TRAILER_BYTES = '\nSHA256 '.length + 64 + 1;
/** A header longer than this is not one of ours. */
export const MAX_HEADER_BYTES = 4_096;

export const headerSchema = z.strictObject({
  format: z.literal(FORMAT),
  createdAt: z.string(),
  source: z.enum(['embedded', 'redis']),
  compression: z.literal('gzip'),
  cipher: z.literal('aes-256-gcm'),
  /** Where the key comes from: HKDF of the cluster secret (secrets.key), purpose "backup". */
  key: z.literal('cluster-secret'),
  /** Tells "made under another secret" from "damaged" without trying to decrypt. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
});

export type BackupHeader = z.infer<typeof headerSchema>;

export function trailerOf(sha256Hex: string): Buffer {
  return Buffer.from(`\nSHA256 ${sha256Hex}\n`, 'latin1');
}

/** The checksum in a trailer, or undefined when the bytes are not a trailer. */
export function parseTrailer(bytes: Buffer): string | undefined {
  return /^\nSHA256 ([0-9a-f]{64})\n$/.exec(bytes.toString('latin1'))?.[1];
}

/** One record as a line of the plaintext; `json` is the value's JSON text, embedded as is. */
export function recordLine(kind: string, id: string, json: string): string {
  return `{"k":${JSON.stringify(kind)},"i":${JSON.stringify(id)},"v":${json}}\n`;
}

export function endLine(records: number, kinds: number): string {
  return `${JSON.stringify({ end: true, records, kinds })}\n`;
}
