import { createDecipheriv, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { RecordEntry } from '../store/redis/types.js';
import { BackupError } from './backup-error.js';
import { headerSchema, MAGIC, MAX_HEADER_BYTES, parseTrailer, TAG_BYTES, TRAILER_BYTES, type BackupHeader } from './backup-format.js';
import type { BackupKey } from './backup-key.js';

/** A backup file that has been checked from end to end: right format, intact, decryptable, well-formed. */
export interface VerifiedBackup {
  header: BackupHeader;
  records: number;
  kinds: number;
  /**
   * Reads the records again, checking everything again as it goes: should the file change after it was verified,
   * the last step throws, and an atomic replace fed from it never swaps anything in.
   */
  entries(): AsyncIterable<RecordEntry>;
}

interface Layout {
  header: BackupHeader;
  preamble: Buffer;
  bodyStart: number;
  tagStart: number;
}

/** Checks the whole file; throws BackupError saying what is wrong. Nothing is written anywhere. */
export async function verifyBackup(file: string, key: BackupKey): Promise<VerifiedBackup> {
  const layout = await readLayout(file);
  if (layout.header.keyId !== key.id) {
    throw new BackupError(
      `${file} was made under another cluster secret (key id ${layout.header.keyId}, this cluster's is ${key.id}): configure the secret of the cluster that made it`,
    );
  }
  let counted = { records: 0, kinds: 0 };
  for await (const item of decode(file, layout, key)) if ('end' in item) counted = item.end;
  return {
    header: layout.header,
    ...counted,
    entries: async function* () {
      for await (const item of decode(file, layout, key)) if (!('end' in item)) yield item;
    },
  };
}

async function readLayout(file: string): Promise<Layout> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new BackupError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, MAGIC.length + MAX_HEADER_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (!head.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) throw new BackupError(`${file} is not a Gatehouse backup`);
    const headerEnd = head.indexOf(0x0a, MAGIC.length);
    if (headerEnd < 0) throw damaged(file, 'its header is cut off');
    const preamble = head.subarray(0, headerEnd + 1);
    const bodyStart = preamble.length;
    const tagStart = size - TRAILER_BYTES - TAG_BYTES;
    if (tagStart <= bodyStart) throw damaged(file, 'it is too short');

    const trailer = Buffer.alloc(TRAILER_BYTES);
    await handle.read(trailer, 0, TRAILER_BYTES, size - TRAILER_BYTES);
    const expected = parseTrailer(trailer);
    if (!expected) throw damaged(file, 'its end is missing (cut off?)');
    if ((await sha256Of(file, size - TRAILER_BYTES)) !== expected) throw damaged(file, 'its checksum does not match');

    let header: BackupHeader;
    try {
      const parsed = headerSchema.safeParse(JSON.parse(preamble.subarray(MAGIC.length).toString('utf8')));
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message);
      header = parsed.data;
    } catch (error) {
      throw new BackupError(`${file} has a header this version cannot read (${(error as Error).message})`);
    }
    return { header, preamble, bodyStart, tagStart };
  } finally {
    await handle.close();
  }
}

function sha256Of(file: string, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file, { start: 0, end: length - 1 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

type Decoded = RecordEntry | { end: { records: number; kinds: number } };

/** Decrypts, inflates and parses the records; the last item is the end line, whose counts were checked. */
async function* decode(file: string, layout: Layout, key: BackupKey): AsyncGenerator<Decoded> {
  const tag = Buffer.alloc(TAG_BYTES);
  const handle = await open(file, 'r');
  try {
    await handle.read(tag, 0, TAG_BYTES, layout.tagStart);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(layout.header.iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAAD(layout.preamble);
  decipher.setAuthTag(tag);
  const gunzip = createGunzip();
  let settle: (error: Error | null) => void = () => undefined;
  const finished = new Promise<Error | null>((resolve) => (settle = resolve));
  const plain = pipeline(createReadStream(file, { start: layout.bodyStart, end: layout.tagStart - 1 }), decipher, gunzip, (error) => settle(error ?? null));
  plain.setEncoding('utf8');

  const kinds = new Set<string>();
  let records = 0;
  let end: { records: number; kinds: number } | undefined;
  let carry = '';
  const parse = (line: string): Decoded => {
    if (end) throw damaged(file, 'records follow its end');
    const item = parseLine(line);
    if (!item) throw damaged(file, `record ${records + 1} is not readable`);
    if ('end' in item) {
      if (item.end.records !== records || item.end.kinds !== kinds.size) throw damaged(file, 'its record count does not match');
      end = item.end;
    } else {
      records += 1;
      kinds.add(item.kind);
    }
    return item;
  };
  try {
    for await (const chunk of plain as AsyncIterable<string>) {
      const lines = (carry + chunk).split('\n');
      carry = lines.pop()!;
      for (const line of lines) yield parse(line);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw cannotDecode(file, error);
  } finally {
    plain.destroy();
  }
  const failure = await finished;
  if (failure) throw cannotDecode(file, failure);
  if (carry) throw damaged(file, 'its last line is cut off');
  if (!end) throw damaged(file, 'its end line is missing');
}

function parseLine(line: string): Decoded | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { k, i, v, end, records, kinds } = parsed as Record<string, unknown>;
  if (end === true) {
    return Number.isSafeInteger(records) && Number.isSafeInteger(kinds) ? { end: { records: records as number, kinds: kinds as number } } : undefined;
  }
  if (typeof k !== 'string' || typeof i !== 'string' || v === undefined) return undefined;
  return { kind: k, id: i, json: JSON.stringify(v) };
}

function damaged(file: string, why: string): BackupError {
  return new BackupError(`${file} is damaged: ${why}`);
}

/** The checksum matched, so the bytes are as written: failing to decrypt them means they were altered on purpose. */
function cannotDecode(file: string, error: unknown): BackupError {
  const message = error instanceof Error ? error.message : String(error);
  if (/authenticate/i.test(message)) return new BackupError(`${file} cannot be decrypted: it was altered, or its header was`);
  return new BackupError(`${file} is damaged: ${message}`);
}
