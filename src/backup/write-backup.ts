import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { syncDirectory } from '../store/embedded/file-sync.js';
import type { RecordEntry } from '../store/redis/types.js';
import { endLine, FORMAT, MAGIC, recordLine, trailerOf, type BackupHeader } from './backup-format.js';
import type { BackupKey } from './backup-key.js';

export interface BackupSummary {
  records: number;
  kinds: number;
  bytes: number;
}

const CHUNK_CHARS = 64 * 1024;

/**
 * Writes the records to `out` as an encrypted backup (format: backup-format.ts). The file is written beside `out`
 * under a temporary name, fsynced and renamed, so `out` is always either the previous file or a complete new one.
 */
export async function writeBackup(options: {
  records: AsyncIterable<RecordEntry>;
  key: BackupKey;
  source: BackupHeader['source'];
  out: string;
  now?: Date;
}): Promise<BackupSummary> {
  const iv = randomBytes(12);
  const header: BackupHeader = {
    format: FORMAT,
    createdAt: (options.now ?? new Date()).toISOString(),
    source: options.source,
    compression: 'gzip',
    cipher: 'aes-256-gcm',
    key: 'cluster-secret',
    keyId: options.key.id,
    iv: iv.toString('base64url'),
  };
  const preamble = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
  const cipher = createCipheriv('aes-256-gcm', options.key.key, iv);
  cipher.setAAD(preamble);
  const summary = { records: 0, kinds: 0, bytes: 0 };

  const temporary = join(dirname(options.out), `.${basename(options.out)}.${randomBytes(6).toString('hex')}.partial`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    const checksum = createHash('sha256');
    const append = async (bytes: Buffer): Promise<void> => {
      checksum.update(bytes);
      await handle.write(bytes);
      summary.bytes += bytes.length;
    };
    await append(preamble);
    await pipeline(
      Readable.from(plaintext(options.records, summary)),
      createGzip(),
      cipher,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          append(chunk).then(() => done(), done);
        },
      }),
    );
    await append(cipher.getAuthTag());
    const trailer = trailerOf(checksum.digest('hex'));
    await handle.write(trailer);
    summary.bytes += trailer.length;
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  await rename(temporary, options.out);
  await syncDirectory(dirname(options.out));
  return summary;
}

/** The plaintext as strings of about CHUNK_CHARS: one JSON line per record, then the end line. */
async function* plaintext(records: AsyncIterable<RecordEntry>, summary: BackupSummary): AsyncGenerator<string> {
  const kinds = new Set<string>();
  let chunk = '';
  for await (const { kind, id, json } of records) {
    chunk += recordLine(kind, id, json);
    summary.records += 1;
    kinds.add(kind);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  summary.kinds = kinds.size;
  yield chunk + endLine(summary.records, summary.kinds);
}
