/**
 * RFC 4515 escaping for values placed in a search filter: `*`, `(`, `)`, `\` and NUL always, and every byte of a
 * binary value (objectGUID). Nothing a user types can change the filter's structure, so `*)(uid=*` is looked up
 * as that literal string and `\00` as those three characters.
 */
export function escapeFilterValue(value: string | Buffer): string {
  if (Buffer.isBuffer(value)) return [...value].map((byte) => `\\${byte.toString(16).padStart(2, '0')}`).join('');
  return value.replace(/[*()\\\u0000]/g, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A tagged template that escapes every interpolated value: filter`(uid=${login})`. */
export function filter(strings: TemplateStringsArray, ...values: Array<string | Buffer>): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? escapeFilterValue(values[i]!) : ''), '');
}

/** `(|(a=v)(b=v)…)`, or `(a=v)` for one attribute. */
export function anyAttributeEquals(attributes: readonly string[], value: string | Buffer): string {
  const terms = attributes.map((attribute) => `(${attribute}=${escapeFilterValue(value)})`);
  return terms.length === 1 ? terms[0]! : `(|${terms.join('')})`;
}

/** `(|(attribute=v1)(attribute=v2)…)`; never empty: no values match nothing. */
export function anyValueOf(attribute: string, values: ReadonlyArray<string | Buffer>): string {
  if (values.length === 0) return '(!(objectClass=*))';
  const terms = values.map((value) => `(${attribute}=${escapeFilterValue(value)})`);
  return terms.length === 1 ? terms[0]! : `(|${terms.join('')})`;
}

/** `(&f1 f2 …)` of filters already built (and escaped). */
export function allOf(...filters: string[]): string {
  return filters.length === 1 ? filters[0]! : `(&${filters.join('')})`;
}
