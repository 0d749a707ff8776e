import { compileChecks } from './compile-conditions.js';
import type { CompiledIndex, CompiledPolicy } from './compiled-types.js';
import { createNetworkSet, type NetworkSet } from './network-set.js';
import type { ZoneClock } from './time-window.js';
import type { PolicyDefinition, PolicyEngine, PolicyEngineOptions, RequirementSet, Requirements } from './types.js';

/** Checks config `locations`; returns the compiled sets and one message per address that is not one. */
export function compileLocations(locations: PolicyEngineOptions['locations']): { sets: Map<string, NetworkSet>; invalid: Array<{ path: string; message: string }> } {
  const sets = new Map<string, NetworkSet>();
  const invalid: Array<{ path: string; message: string }> = [];
  for (const [name, cidrs] of Object.entries(locations)) {
    const { set, invalid: bad } = createNetworkSet(cidrs);
    sets.set(name, set);
    for (const cidr of bad) invalid.push({ path: `locations.${name}[${cidrs.indexOf(cidr)}]`, message: `"${cidr}" is not an IP address or CIDR` });
  }
  return { sets, invalid };
}

/**
 * Compiles validated policies into an engine indexed by application. Throws when config `locations` holds
 * something that is not an address (createPolicyEngine reports that as a problem instead).
 */
export function compilePolicies(definitions: readonly PolicyDefinition[], options: Pick<PolicyEngineOptions, 'locations' | 'policyDefault'>): PolicyEngine {
  const { sets, invalid } = compileLocations(options.locations);
  if (invalid.length > 0) throw new TypeError(invalid.map((p) => `${p.path}: ${p.message}`).join('; '));
  const clocks = new Map<string, ZoneClock>();
  const all = definitions.map((definition, index) => compilePolicy(definition, index, sets, clocks));
  const byApplication = new Map<string, CompiledPolicy[]>();
  const forAllApplications: CompiledPolicy[] = [];
  for (const policy of all) {
    const include = policy.definition.applications.include;
    if (include === 'all') forAllApplications.push(policy);
    else {
      for (const id of new Set(include)) {
        if (policy.excludedApplications.has(id)) continue;
        let list = byApplication.get(id);
        if (!list) byApplication.set(id, (list = []));
        list.push(policy);
      }
    }
  }
  const compiled: CompiledIndex = { byApplication, forAllApplications, all };
  return Object.freeze({ policies: Object.freeze([...definitions]), policyDefault: options.policyDefault, compiled });
}

function compilePolicy(definition: PolicyDefinition, index: number, locations: ReadonlyMap<string, NetworkSet>, clocks: Map<string, ZoneClock>): CompiledPolicy {
  const { grant, session } = definition;
  const requires = 'require' in grant && (grant.require.mfa || grant.require.phishingResistant || grant.require.fresh || grant.require.methods.length > 0);
  return {
    index,
    definition,
    checks: compileChecks(definition.users, definition.conditions, locations, clocks),
    allApplications: definition.applications.include === 'all',
    includedApplications: new Set(definition.applications.include === 'all' ? [] : definition.applications.include),
    excludedApplications: new Set(definition.applications.exclude),
    effect: 'block' in grant ? 'block' : requires ? 'require' : 'none',
    requirementSet: requires && 'require' in grant ? frozenSet(definition.name, grant.require) : null,
    session,
    hasSession: session.signInFrequency !== null || session.persistent !== null,
  };
}

/** Decisions hand the set out as it is, so it must not be changed by whoever receives it. */
function frozenSet(policy: string, requirements: Requirements): RequirementSet {
  return Object.freeze({ policy, ...requirements, methods: Object.freeze([...requirements.methods]) as string[] });
}
