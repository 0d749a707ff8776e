/** SAML's xs:dateTime in UTC, to the second (SAML core 1.3.3: no time zone other than Z). */
export function samlInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Reads an xs:dateTime; NaN when it is not one. Without a zone, UTC is assumed (SAML requires UTC). */
export function parseInstant(value: string | undefined): number {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/.test(value)) return Number.NaN;
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
}
