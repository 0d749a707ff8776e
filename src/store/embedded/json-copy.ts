/**
 * Values cross the store boundary as JSON text: what a caller gets back is always a fresh copy, so nobody can
 * change stored state by mutating an object they set or got, and the embedded store behaves like Redis would.
 */
export function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) {
    throw new TypeError('store values must be JSON-serialisable (got undefined, a function or a symbol)');
  }
  return json;
}

/** Parses JSON text written by toJson; the type is the caller's claim, as with any store read. */
export function fromJson<T>(json: string): T {
  return JSON.parse(json) as T;
}
