import { randomBytes } from 'node:crypto';

/** A message or assertion ID: an NCName (leading underscore) with 160 random bits (SAML core 1.3.4). */
export function samlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** IDs from relying parties: an NCName of sane length, so it can be stored and echoed back safely. */
export function isSamlId(value: string | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/.test(value);
}
