/** A reply as RESP2 carries it: simple and bulk strings, integers, nil, arrays. Error replies are thrown. */
export type RespValue = string | number | null | RespValue[];

/** An error reply from the server (`-ERR …`). */
export class RespError extends Error {}

/** Encodes a command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly string[]): Buffer {
  const parts = args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
  return Buffer.from(`*${args.length}\r\n${parts.join('')}`);
}

interface Parsed {
  value: RespValue | RespError;
  next: number;
}

/** Parses one reply starting at `at`; undefined while the buffer holds only part of it. */
export function parseReply(buffer: Buffer, at = 0): Parsed | undefined {
  const lineEnd = buffer.indexOf('\r\n', at);
  if (lineEnd === -1) return undefined;
  const line = buffer.toString('utf8', at + 1, lineEnd);
  const next = lineEnd + 2;
  switch (String.fromCharCode(buffer[at] ?? 0)) {
    case '+':
      return { value: line, next };
    case '-':
      return { value: new RespError(line), next };
    case ':':
      return { value: Number(line), next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), next: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next };
      const items: RespValue[] = [];
      let position = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, position);
        if (item === undefined) return undefined;
        if (item.value instanceof RespError) return item;
        items.push(item.value);
        position = item.next;
      }
      return { value: items, next: position };
    }
    default:
      throw new Error(`not a RESP reply: ${JSON.stringify(buffer.toString('utf8', at, lineEnd))}`);
  }
}
