import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;

/**
 * Reads the complete (newline-terminated) lines between two offsets and hands each to onLine, without its newline.
 * Bytes after the last newline are left alone: they are a line another process is still writing, or a torn one.
 * onLine returns false to stop early. Returns how many bytes were consumed, always ending on a line boundary.
 */
export async function readLines(
  handle: FileHandle,
  from: number,
  to: number,
  onLine: (line: Buffer) => boolean,
): Promise<number> {
  let position = from;
  let consumed = 0;
  let carry = Buffer.alloc(0);
  while (position < to) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, to - position));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let start = 0;
    for (let end = data.indexOf(0x0a, start); end !== -1; end = data.indexOf(0x0a, start)) {
      if (!onLine(data.subarray(start, end))) return consumed;
      consumed += end + 1 - start;
      start = end + 1;
    }
    carry = data.subarray(start);
  }
  return consumed;
}
