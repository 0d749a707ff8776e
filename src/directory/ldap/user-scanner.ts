import { SizeLimitExceededError, type Client } from 'ldapts';
import { IN_CHAIN } from './group-resolver.js';
import { toLdapRecord } from './ldap-record.js';
import { allOf, anyValueOf, filter } from './ldap-filter.js';
import { normalDn, searchOn } from './search.js';
import type { ServerSet } from './server-set.js';
import type { ChangeMark, LdapDirectoryOptions, LdapRecord, ScannedUser, UserScope } from './types.js';
import { BINARY_ATTRIBUTES, idAttributes, idFilter, scanAttributes, toScannedUser, userIdOf } from './user-entry.js';

/** An id from the cheap listing that finds users added to or gone from a scope. */
export type ListedUser = Pick<ScannedUser, 'id' | 'dn'>;

const ID_BATCH = 100;

/**
 * Reads many users for import and sync with paged searches (pageSize per page): everyone in an OU (scope.base), or
 * in a security group with its nested groups (scope.group), optionally only entries changed since a mark.
 */
export class UserScanner {
  constructor(
    private readonly options: LdapDirectoryOptions,
    private readonly servers: ServerSet,
    private readonly pageSize = 500,
  ) {}

  /** Full entries in the scope, changed at or after `since` when given. */
  async scan(scope: UserScope, since?: ChangeMark, pageSize = this.pageSize): Promise<ScannedUser[]> {
    return this.#scan(scope, scanAttributes(this.options), since, pageSize, (record, id) => toScannedUser(record, id, this.options));
  }

  /** Every id in the scope. */
  async list(scope: UserScope, pageSize = this.pageSize): Promise<ListedUser[]> {
    return this.#scan(scope, idAttributes(this.options), undefined, pageSize, (record, id) => ({ id, dn: record.dn }));
  }

  /** Full entries for these ids anywhere under baseDN; ids nobody has are left out. */
  async byIds(ids: string[]): Promise<ScannedUser[]> {
    const found: ScannedUser[] = [];
    const terms = ids.map((id) => idFilter(id, this.options)).filter((term): term is string => term !== undefined);
    for (let i = 0; i < terms.length; i += ID_BATCH) {
      const batch = terms.slice(i, i + ID_BATCH);
      const records = await this.servers.run('search', (client) =>
        searchOn(client, { base: this.options.baseDN, scope: 'sub', filter: allOf(this.options.userFilter, `(|${batch.join('')})`), attributes: scanAttributes(this.options), binary: this.#binary(scanAttributes(this.options)) }),
      );
      for (const record of records) {
        const id = userIdOf(record, this.options);
        if (id) found.push(toScannedUser(record, id, this.options));
      }
    }
    return found;
  }

  /** Where the next incremental run starts on AD: the DC's highestCommittedUSN now (and which DC said it). */
  async changeMark(): Promise<ChangeMark> {
    const [root] = await this.servers.run('search', (client) => searchOn(client, { base: '', scope: 'base', filter: '(objectClass=*)', attributes: ['highestCommittedUSN', 'dsServiceName'] }));
    const usn = root?.first('highestCommittedUSN');
    const server = root?.first('dsServiceName');
    return usn ? { usn, ...(server ? { server } : {}) } : {};
  }

  async #scan<T>(scope: UserScope, attributes: string[], since: ChangeMark | undefined, pageSize: number, convert: (record: LdapRecord, id: string) => T): Promise<T[]> {
    const base = scope.base ?? this.options.baseDN;
    const changed = since?.usn ? `(uSNChanged>=${BigInt(since.usn) + 1n})` : since?.modified ? filter`(modifyTimestamp>=${since.modified})` : undefined;
    return this.servers.run('search', (client) => sizeLimitExplained(async () => {
      const membership = scope.group ? await this.#membership(client, scope.group) : undefined;
      const terms = [this.options.userFilter, ...(membership?.filter ? [membership.filter] : []), ...(changed ? [changed] : [])];
      const out: T[] = [];
      const binary = this.#binary(attributes);
      const pages = client.searchPaginated(base, { scope: 'sub', filter: allOf(...terms), attributes, paged: { pageSize }, ...(binary.length ? { explicitBufferAttributes: binary } : {}) });
      for await (const page of pages) {
        for (const entry of page.searchEntries) {
          if (membership?.dns && !membership.dns.has(normalDn(entry.dn))) continue;
          const record = toLdapRecord(entry, binary);
          const id = userIdOf(record, this.options);
          if (id) out.push(convert(record, id));
        }
      }
      return out;
    }));
  }

  /** How to keep only a group's members, nested groups included: a filter, or (groupOfNames) a set of member DNs. */
  async #membership(client: Client, group: string): Promise<{ filter?: string; dns?: Set<string> }> {
    switch (this.options.groups) {
      case 'ad': {
        // Members by `member` links, nested ones included, and the users whose primary group it is (no link).
        const [entry] = await searchOn(client, { base: group, scope: 'base', filter: '(objectClass=*)', attributes: ['objectSid'], binary: ['objectSid'] });
        const sid = entry?.buffers('objectSid')[0];
        const rid = sid && sid.length >= 12 ? sid.readUInt32LE(sid.length - 4) : undefined;
        const linked = filter`(memberOf:${IN_CHAIN}:=${group})`;
        return { filter: rid === undefined ? linked : `(|${linked}(primaryGroupID=${rid}))` };
      }
      case 'memberOf':
        return { filter: anyValueOf('memberOf', await this.#nestedGroups(client, group)) };
      case 'groupOfNames':
        return { dns: await this.#transitiveMembers(client, group) };
    }
  }

  /** The group and every group nested in it, through the groups' own memberOf (the memberof overlay keeps it). */
  async #nestedGroups(client: Client, group: string): Promise<string[]> {
    const found = new Map([[normalDn(group), group]]);
    let frontier = [group];
    while (frontier.length > 0) {
      const children = await searchOn(client, { base: this.options.baseDN, scope: 'sub', filter: allOf(this.options.groupFilter, anyValueOf('memberOf', frontier)), attributes: ['1.1'] });
      frontier = children.map((child) => child.dn).filter((dn) => !found.has(normalDn(dn)));
      for (const dn of frontier) found.set(normalDn(dn), dn);
    }
    return [...found.values()];
  }

  /** Every DN reachable through member/uniqueMember from the group, read from all groups in one paged search. */
  async #transitiveMembers(client: Client, group: string): Promise<Set<string>> {
    const members = new Map<string, string[]>();
    for await (const page of client.searchPaginated(this.options.baseDN, { scope: 'sub', filter: this.options.groupFilter, attributes: ['member', 'uniqueMember'], paged: { pageSize: this.pageSize } })) {
      for (const entry of page.searchEntries) {
        const record = toLdapRecord(entry);
        members.set(normalDn(entry.dn), [...record.values('member'), ...record.values('uniqueMember')].map(normalDn));
      }
    }
    const reached = new Set<string>();
    const visited = new Set<string>();
    const queue = [normalDn(group)];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (visited.has(next)) continue;
      visited.add(next);
      for (const member of members.get(next) ?? []) {
        if (members.has(member)) queue.push(member);
        else reached.add(member);
      }
    }
    return reached;
  }

  #binary(attributes: string[]): string[] {
    return BINARY_ATTRIBUTES.filter((name) => attributes.some((a) => a.toLowerCase() === name.toLowerCase()));
  }
}

/** A size limit cuts a paged search short: say what to configure instead of "Code: 0x4". */
async function sizeLimitExplained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof SizeLimitExceededError)) throw error;
    throw new Error(
      'the directory stopped a paged search at its size limit (sizeLimitExceeded): give the service account an unlimited size for paged searches ' +
        '(OpenLDAP: limits dn.exact="<bindDN>" size.prtotal=unlimited; AD pages by MaxPageSize and needs nothing)',
    );
  }
}
