import { compileLocations } from './compile-policies.js';
import { networkSetCovers, type NetworkSet } from './network-set.js';
import type { KeyPath, PathProblem } from './policy-problem.js';
import { coversPolicy, subset } from './policy-covers.js';
import type { PolicyDefinition, PolicyEngineOptions } from './types.js';

/**
 * Warnings for `gatehouse policy check`: policies that can never match, that ask nothing, or that a block
 * elsewhere in the file always overrules. Takes the whole file's policies in file order (indexes are positions).
 */
export function lintPolicies(policies: readonly PolicyDefinition[], options: Pick<PolicyEngineOptions, 'locations'>): PathProblem[] {
  const { sets } = compileLocations(options.locations);
  const problems: PathProblem[] = [];
  const blocks = indexBlocks(policies);
  policies.forEach((policy, index) => {
    if (policy.state === 'disabled') return;
    const path = ['policies', index];
    const never = neverMatches(policy, sets);
    for (const reason of never) problems.push({ severity: 'warning', path: [...path, ...reason.at], message: `never matches: ${reason.message}` });
    if ('require' in policy.grant) {
      const r = policy.grant.require;
      if (!r.mfa && !r.phishingResistant && !r.fresh && r.methods.length === 0) {
        problems.push({ severity: 'warning', path: [...path, 'grant', 'require'], message: 'requires nothing, so it allows (say grant: { allow: true } if that is meant)' });
      }
    }
    if ('block' in policy.grant && (policy.session.signInFrequency !== null || policy.session.persistent !== null)) {
      problems.push({ severity: 'warning', path: [...path, 'session'], message: 'session controls have no effect on a blocked sign-in' });
    }
    if (never.length === 0) {
      const shadow = findShadowingBlock(policies, blocks, index, sets);
      if (shadow !== null) {
        problems.push({
          severity: 'warning',
          path: [...path, 'name'],
          message: `shadowed by "${policies[shadow]!.name}" (policies[${shadow}]), a block that matches every sign-in this policy matches, so this policy never changes a decision`,
        });
      }
    }
  });
  return problems;
}

interface Reason {
  at: KeyPath;
  message: string;
}

function neverMatches(policy: PolicyDefinition, locations: ReadonlyMap<string, NetworkSet>): Reason[] {
  const reasons: Reason[] = [];
  const { users, applications, conditions } = policy;
  if (users.include !== 'all') {
    const { users: named, groups } = users.include;
    if (named.length === 0 && groups.length === 0) reasons.push({ at: ['users', 'include'], message: 'users include no user and no group' });
    else if (subset(named, users.exclude.users) && subset(groups, users.exclude.groups)) {
      reasons.push({ at: ['users', 'exclude'], message: 'every included user and group is also excluded' });
    }
  }
  if (applications.include !== 'all') {
    if (applications.include.length === 0) reasons.push({ at: ['applications', 'include'], message: 'applications include none' });
    else if (applications.include.every((id) => applications.exclude.includes(id))) {
      reasons.push({ at: ['applications', 'exclude'], message: 'every included application is also excluded' });
    }
  }
  if (conditions.locations) {
    const { include, exclude } = conditions.locations;
    const at = ['conditions', 'locations'];
    if (exclude.includes('any')) reasons.push({ at: [...at, 'exclude'], message: 'every location is excluded (exclude: any)' });
    else if (include.length === 0) reasons.push({ at: [...at, 'include'], message: 'locations include none' });
    else if (!include.includes('any')) {
      const dead = include.filter((name) => {
        const set = locations.get(name);
        return !set || (set.v4.length === 0 && set.v6.length === 0) || exclude.some((x) => locations.get(x) && networkSetCovers(locations.get(x)!, set));
      });
      if (dead.length === include.length) {
        reasons.push({ at: [...at, 'exclude'], message: `every address of ${include.join(', ')} is also excluded (or the location is empty)` });
      }
    }
  }
  for (const key of ['methods', 'clients', 'requestedContext'] as const) {
    if (conditions[key]?.length === 0) reasons.push({ at: ['conditions', key], message: `${key} lists nothing` });
  }
  if (conditions.time?.days.length === 0) reasons.push({ at: ['conditions', 'time', 'days'], message: 'time lists no days' });
  return reasons;
}

interface BlockIndex {
  forAll: number[];
  byApplication: Map<string, number[]>;
}

/** Enabled blocks by the applications they include, so that shadow checks stay near-linear in the file size. */
function indexBlocks(policies: readonly PolicyDefinition[]): BlockIndex {
  const index: BlockIndex = { forAll: [], byApplication: new Map() };
  policies.forEach((policy, i) => {
    if (policy.state !== 'enabled' || !('block' in policy.grant)) return;
    const include = policy.applications.include;
    if (include === 'all') index.forAll.push(i);
    else {
      for (const id of new Set(include)) {
        const list = index.byApplication.get(id);
        if (list) list.push(i);
        else index.byApplication.set(id, [i]);
      }
    }
  });
  return index;
}

/** The first enabled block (other than the policy itself) that matches whatever the policy matches. */
function findShadowingBlock(policies: readonly PolicyDefinition[], blocks: BlockIndex, index: number, locations: ReadonlyMap<string, NetworkSet>): number | null {
  const policy = policies[index]!;
  const include = policy.applications.include;
  // A block covering a policy must include one of its applications: any one of them narrows the search.
  const someApplication = include === 'all' ? undefined : include.find((id) => !policy.applications.exclude.includes(id));
  const candidates = someApplication === undefined ? blocks.forAll : [...blocks.forAll, ...(blocks.byApplication.get(someApplication) ?? [])].sort((a, b) => a - b);
  for (const b of candidates) {
    const block = policies[b]!;
    if (b === index || !coversPolicy(block, policy, locations)) continue;
    // Two blocks that cover each other: warn about the later one only.
    if ('block' in policy.grant && policy.state === 'enabled' && b > index && coversPolicy(policy, block, locations)) continue;
    return b;
  }
  return null;
}
