import { NoSuchObjectError, type Client } from 'ldapts';
import { toLdapRecord } from './ldap-record.js';
import type { LdapRecord } from './types.js';

export interface SearchRequest {
  base: string;
  scope: 'base' | 'one' | 'sub';
  filter: string;
  attributes: string[];
  sizeLimit?: number;
  binary?: string[];
}

/** A search on some connection; referrals (AD returns them at the domain's base) are not chased. */
export type Search = (request: SearchRequest) => Promise<LdapRecord[]>;

/** Runs a search on a client; a missing base answers no entries. */
export async function searchOn(client: Client, request: SearchRequest): Promise<LdapRecord[]> {
  try {
    const { searchEntries } = await client.search(request.base, {
      scope: request.scope,
      filter: request.filter,
      attributes: request.attributes,
      ...(request.sizeLimit ? { sizeLimit: request.sizeLimit } : {}),
      ...(request.binary?.length ? { explicitBufferAttributes: request.binary } : {}),
    });
    return searchEntries.map((entry) => toLdapRecord(entry, request.binary));
  } catch (error) {
    if (error instanceof NoSuchObjectError) return [];
    throw error;
  }
}

/** A DN compared case-insensitively, spaces around separators ignored. */
export function normalDn(dn: string): string {
  return dn.toLowerCase().replace(/\s*([,=+])\s*/g, '$1').trim();
}

/** The value of a DN's first RDN (`staff` of `cn=staff,ou=groups,…`). */
export function rdnValue(dn: string): string {
  const first = /^[^=]+=((?:\\.|[^,\\])*)/.exec(dn)?.[1] ?? dn;
  return first.replace(/\\(.)/g, '$1');
}
