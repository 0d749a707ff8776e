import type { Entry } from 'ldapts';
import type { LdapRecord } from './types.js';

type Raw = Buffer | Buffer[] | string[] | string;

/**
 * An ldapts entry read through case-insensitive attribute names. A class, not closures per entry: a sync reads
 * tens of thousands of entries and keeps only a few fields of each.
 */
class EntryRecord implements LdapRecord {
  readonly dn: string;
  readonly #names = new Map<string, string>();

  constructor(
    private readonly entry: Entry,
    private readonly binary: ReadonlySet<string>,
  ) {
    this.dn = entry.dn;
    for (const name of Object.keys(entry)) if (name !== 'dn') this.#names.set(name.toLowerCase(), name);
  }

  values(name: string): string[] {
    const key = name.toLowerCase();
    const raw = this.#raw(key);
    if (raw === undefined) return [];
    const list = Array.isArray(raw) ? raw : [raw];
    if (this.binary.has(key)) return list.map((value) => asBuffer(value).toString('base64'));
    return list.map((value) => (Buffer.isBuffer(value) ? value.toString('utf8') : value));
  }

  first(name: string): string | undefined {
    return this.values(name)[0];
  }

  buffers(name: string): Buffer[] {
    const key = name.toLowerCase();
    const raw = this.binary.has(key) ? this.#raw(key) : undefined;
    if (raw === undefined) return [];
    return (Array.isArray(raw) ? raw : [raw]).map(asBuffer);
  }

  all(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [key, name] of this.#names) {
      const values = this.values(key);
      // ldapts lists an attribute that was asked for and is absent with no values.
      if (values.length > 0) out[name] = values;
    }
    return out;
  }

  #raw(key: string): Raw | undefined {
    const name = this.#names.get(key);
    return name === undefined ? undefined : (this.entry[name] as Raw);
  }
}

function asBuffer(value: Buffer | string): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value, 'binary');
}

/** Wraps an ldapts entry; `binary` names the attributes read as buffers. */
export function toLdapRecord(entry: Entry, binary: readonly string[] = []): LdapRecord {
  return new EntryRecord(entry, new Set(binary.map((name) => name.toLowerCase())));
}
