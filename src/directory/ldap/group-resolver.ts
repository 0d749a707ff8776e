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

/**
 * A user's groups by name (cn), nested ones included, the way the configured mode reads them:
 * - `ad`: one search for groups whose member matches the user IN_CHAIN;
 * - `memberOf`: the user's memberOf, then each group's own memberOf, level by level (group entries are cached for
 *   a minute: the group tree changes rarely and every sign-in walks it);
 * - `groupOfNames`: groups listing the user as member, then groups listing those, level by level.
 */
export class GroupResolver {
  readonly #nodes = new Map<string, GroupNode>();

  constructor(
    private readonly mode: GroupMode,
    private readonly baseDN: string,
    private readonly groupFilter: string,
    private readonly clock: Clock,
  ) {}

  async groupsOf(user: LdapRecord, search: Search): Promise<string[]> {
    switch (this.mode) {
      case 'ad':
        return this.#inChain(user.dn, search);
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
