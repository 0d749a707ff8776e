import type { Context } from 'koa';
import type { ZodType } from 'zod';
import { DeviceApiError, invalidRequest } from './device-api-error.js';

const LIMIT = 16 * 1024;

/** The exact bytes of the body (the signature covers their hash), at most 16 KB. */
export async function readRawBody(ctx: Context): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT) throw new DeviceApiError(413, 'too_large', 'The body is larger than 16 KB.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body against its schema; every problem is a 400 naming the field. */
export function parseJson<T>(body: Buffer, schema: ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalidRequest('The body must be JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalidRequest(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}
