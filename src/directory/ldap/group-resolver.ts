import type { Clock } from '../../clock/clock.js';
import { allOf, anyValueOf, filter } from './ldap-filter.js';
import { normalDn, rdnValue, type Search } from './search.js';
import type { GroupMode, LdapRecord } from './types.js';

/** AD's LDAP_MATCHING_RULE_IN_CHAIN: membership through any depth of nesting, evaluated by the DC. */
export const IN_CHAIN = '1.2.840.113556.1.4.1941';
const MAX_DEPTH = 16;
const GROUP_CACHE_MS = 60_000;
const GROUP_CACHE_SIZE = 10_000;

interface GroupNode {
  name: string;
  parents: string[];
  expires: number;
}

interface PrimaryGroup {
  names: string[];
  expires: number;
}

/**
 * A user's groups by name (cn), nested ones included, the way the configured mode reads them:
 * - `ad`: one search for groups whose member matches the user IN_CHAIN, plus the user's primary group (Domain Users
 *   for nearly everyone; AD lists it in no `member`, only as the user's primaryGroupID) and the groups it is nested
 *   in. Primary groups are cached for a minute by SID: one search serves the whole domain;
 * - `memberOf`: the user's memberOf, then each group's own memberOf, level by level (group entries are cached for
 *   a minute: the group tree changes rarely and every sign-in walks it);
 * - `groupOfNames`: groups listing the user as member, then groups listing those, level by level.
 */
export class GroupResolver {
  readonly #nodes = new Map<string, GroupNode>();
  readonly #primaryGroups = new Map<string, PrimaryGroup>();

  constructor(
    private readonly mode: GroupMode,
    private readonly baseDN: string,
    private readonly groupFilter: string,
    private readonly clock: Clock,
  ) {}

  async groupsOf(user: LdapRecord, search: Search): Promise<string[]> {
    switch (this.mode) {
      case 'ad': {
        const [direct, primary] = await Promise.all([this.#inChain(user.dn, search), this.#primaryGroup(user, search)]);
        return sortedNames([...direct, ...primary]);
      }
      case 'memberOf':
        return this.#byMemberOf(user.values('memberOf'), search);
      case 'groupOfNames':
        return this.#byMemberLists(user.dn, search);
    }
  }

  async #inChain(dn: string, search: Search): Promise<string[]> {
    const groups = await search({ base: this.baseDN, scope: 'sub', filter: allOf(this.groupFilter, filter`(member:${IN_CHAIN}:=${dn})`), attributes: ['cn'] });
    return sortedNames(groups.map((group) => group.first('cn') ?? rdnValue(group.dn)));
  }

  async #primaryGroup(user: LdapRecord, search: Search): Promise<string[]> {
    const sid = primaryGroupSid(user.buffers('objectSid')[0], user.first('primaryGroupID'));
    if (!sid) return [];
    const key = sid.toString('base64');
    const now = this.clock.now();
    const cached = this.#primaryGroups.get(key);
    if (cached && cached.expires > now) return cached.names;
    const [group] = await search({ base: this.baseDN, scope: 'sub', filter: allOf(this.groupFilter, filter`(objectSid=${sidToString(sid)})`), attributes: ['cn'] });
    const names = group ? [group.first('cn') ?? rdnValue(group.dn), ...(await this.#inChain(group.dn, search))] : [];
    if (this.#primaryGroups.size >= GROUP_CACHE_SIZE) this.#primaryGroups.clear();
    this.#primaryGroups.set(key, { names, expires: now + GROUP_CACHE_MS });
    return names;
  }

  async #byMemberOf(direct: string[], search: Search): Promise<string[]> {
    const names = new Map<string, string>();
    let frontier = direct;
    for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth++) {
      const fresh = frontier.filter((dn) => !names.has(normalDn(dn)));
      const nodes = await Promise.all(fresh.map((dn) => this.#node(dn, search)));
      frontier = [];
      fresh.forEach((dn, i) => {
        names.set(normalDn(dn), nodes[i]!.name);
        frontier.push(...nodes[i]!.parents);
      });
    }
    return sortedNames([...names.values()]);
  }

  async #node(dn: string, search: Search): Promise<GroupNode> {
    const key = normalDn(dn);
    const now = this.clock.now();
    const cached = this.#nodes.get(key);
    if (cached && cached.expires > now) return cached;
    const [entry] = await search({ base: dn, scope: 'base', filter: '(objectClass=*)', attributes: ['cn', 'memberOf'] });
    const node = { name: entry?.first('cn') ?? rdnValue(dn), parents: entry?.values('memberOf') ?? [], expires: now + GROUP_CACHE_MS };
    if (this.#nodes.size >= GROUP_CACHE_SIZE) this.#nodes.clear();
    this.#nodes.set(key, node);
    return node;
  }

  async #byMemberLists(dn: string, search: Search): Promise<string[]> {
    const names = new Map<string, string>();
    let frontier = [dn];
    for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth++) {
      const members = allOf(this.groupFilter, `(|${anyValueOf('member', frontier)}${anyValueOf('uniqueMember', frontier)})`);
      const groups = await search({ base: this.baseDN, scope: 'sub', filter: members, attributes: ['cn'] });
      frontier = [];
      for (const group of groups) {
        const key = normalDn(group.dn);
        if (names.has(key)) continue;
        names.set(key, group.first('cn') ?? rdnValue(group.dn));
        frontier.push(group.dn);
      }
    }
    return sortedNames([...names.values()]);
  }
}

function sortedNames(names: string[]): string[] {
  return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}

/**
 * The primary group's SID: the user's SID (revision, count, authority, then 32-bit little-endian sub-authorities,
 * the last being the user's RID) with the last sub-authority replaced by primaryGroupID. Undefined when either is
 * missing or malformed, as on a directory that is not AD.
 */
export function primaryGroupSid(userSid: Buffer | undefined, primaryGroupId: string | undefined): Buffer | undefined {
  if (!userSid || !primaryGroupId || !/^\d{1,10}$/.test(primaryGroupId)) return undefined;
  const rid = Number(primaryGroupId);
  if (rid > 0xffffffff || userSid.length < 12 || userSid.length !== 8 + 4 * userSid[1]!) return undefined;
  const sid = Buffer.from(userSid);
  sid.writeUInt32LE(rid, sid.length - 4);
  return sid;
}

/** A binary SID in its string form, S-1-5-21-…-513. */
export function sidToString(sid: Buffer): string {
  const authority = sid.readUIntBE(2, 6);
  const subAuthorities = Array.from({ length: sid[1]! }, (_, i) => sid.readUInt32LE(8 + 4 * i));
  return ['S', sid[0], authority, ...subAuthorities].join('-');
}
