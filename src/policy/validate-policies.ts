import { parseDuration } from '../config/duration.js';
import type { KeyPath, PathProblem } from './policy-problem.js';
import type {
  ApplicationAssignment,
  Grant,
  PolicyDefinition,
  PolicyState,
  Requirements,
  SessionControls,
  UserAssignment,
  UserSelector,
} from './types.js';
import { validateConditions } from './validate-conditions.js';
import { hint, ValidationReader } from './validation-reader.js';

/** MFA method ids known when the caller does not pass the MFA registry's list. */
export const BUILT_IN_METHODS: readonly string[] = ['totp', 'push', 'email', 'passkey', 'recovery'];

const POLICY_KEYS = ['name', 'state', 'users', 'applications', 'conditions', 'grant', 'session'] as const;
const STATES: readonly PolicyState[] = ['enabled', 'reportOnly', 'disabled'];

/** What validation checks names against. */
export interface ValidationOptions {
  /** Names defined by config `locations`. */
  locationNames: readonly string[];
  /** Known relying-party ids; an unknown one is a warning (it may be added to config later). Omit to skip. */
  relyingParties?: readonly string[];
  /** Known MFA method ids for `grant.require.methods`; default BUILT_IN_METHODS. */
  methods?: readonly string[];
}

/**
 * Validates the plain data of a policy file (`{ policies: [...] }`), reporting every problem at once with its key
 * path. Only the policies without errors are returned, so callers must not use them when an error was reported.
 */
export function validatePolicies(input: unknown, options: ValidationOptions): { policies: PolicyDefinition[]; problems: PathProblem[] } {
  const reader = new ValidationReader();
  const policies: PolicyDefinition[] = [];
  if (input === undefined || input === null) return { policies, problems: reader.problems };
  // Top-level keys starting with x- are the admin's own (a place for YAML anchors), as in Compose files.
  const extensions = typeof input === 'object' && !Array.isArray(input) ? Object.keys(input).filter((k) => k.startsWith('x-')) : [];
  const file = reader.mapping(input, [], ['policies', ...extensions]);
  if (!file || file.policies === undefined || file.policies === null) return { policies, problems: reader.problems };
  if (!Array.isArray(file.policies)) {
    reader.error(['policies'], 'must be a list of policies');
    return { policies, problems: reader.problems };
  }
  const names = new Map<string, number>();
  file.policies.forEach((item, index) => {
    const before = reader.problems.filter((p) => p.severity === 'error').length;
    const policy = validatePolicy(reader, item, ['policies', index], options);
    if (policy) {
      const first = names.get(policy.name);
      if (first !== undefined) reader.error(['policies', index, 'name'], `"${policy.name}" is already the name of policies[${first}]`);
      else names.set(policy.name, index);
    }
    if (policy && reader.problems.filter((p) => p.severity === 'error').length === before) policies.push(policy);
  });
  return { policies, problems: reader.problems };
}

function validatePolicy(reader: ValidationReader, value: unknown, path: KeyPath, options: ValidationOptions): PolicyDefinition | null {
  const input = reader.mapping(value, path, POLICY_KEYS);
  if (!input) return null;
  let name = '';
  if (typeof input.name === 'string' && input.name.trim() !== '') name = input.name.trim();
  else reader.error(input.name === undefined ? path : [...path, 'name'], 'every policy needs a name (a non-empty string)');
  let state: PolicyState = 'enabled';
  if (input.state !== undefined) {
    if (STATES.includes(input.state as PolicyState)) state = input.state as PolicyState;
    else reader.error([...path, 'state'], `"${String(input.state)}" is not a state: use ${STATES.join(', ')}${hint(String(input.state), STATES)}`);
  }
  return {
    name,
    state,
    users: validateUsers(reader, input.users, [...path, 'users']),
    applications: validateApplications(reader, input.applications, [...path, 'applications'], options.relyingParties),
    conditions: validateConditions(reader, input.conditions, [...path, 'conditions'], options.locationNames),
    grant: validateGrant(reader, input.grant, [...path, 'grant'], options.methods ?? BUILT_IN_METHODS),
    session: validateSession(reader, input.session, [...path, 'session']),
  };
}

function validateUsers(reader: ValidationReader, value: unknown, path: KeyPath): UserAssignment {
  const users: UserAssignment = { include: 'all', exclude: { users: [], groups: [] } };
  if (value === undefined || value === null) return users;
  const input = reader.mapping(value, path, ['include', 'exclude']);
  if (!input) return users;
  if (input.include !== undefined && input.include !== 'all') {
    users.include = validateSelector(reader, input.include, [...path, 'include'], 'all, or a mapping of users and groups');
  }
  if (input.exclude !== undefined) users.exclude = validateSelector(reader, input.exclude, [...path, 'exclude'], 'a mapping of users and groups');
  return users;
}

function validateSelector(reader: ValidationReader, value: unknown, path: KeyPath, expected: string): UserSelector {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    reader.error(path, `must be ${expected}`);
    return { users: [], groups: [] };
  }
  const input = reader.mapping(value, path, ['users', 'groups'])!;
  return {
    users: input.users === undefined ? [] : reader.names(input.users, [...path, 'users']),
    groups: input.groups === undefined ? [] : reader.names(input.groups, [...path, 'groups']),
  };
}

function validateApplications(reader: ValidationReader, value: unknown, path: KeyPath, known: readonly string[] | undefined): ApplicationAssignment {
  const applications: ApplicationAssignment = { include: 'all', exclude: [] };
  if (value === undefined || value === null) return applications;
  const input = reader.mapping(value, path, ['include', 'exclude']);
  if (!input) return applications;
  const ids = (key: 'include' | 'exclude'): string[] => {
    const list = reader.names(input[key], [...path, key]);
    list.forEach((id, i) => {
      if (known && !known.includes(id)) {
        reader.warning([...path, key, i], `no relying party has id "${id}" (yet)${hint(id, known)}`);
      }
    });
    return list;
  };
  if (input.include !== undefined && input.include !== 'all') applications.include = ids('include');
  if (input.exclude !== undefined) applications.exclude = ids('exclude');
  return applications;
}

function validateGrant(reader: ValidationReader, value: unknown, path: KeyPath, methods: readonly string[]): Grant {
  if (value === undefined || value === null) return { allow: true };
  const input = reader.mapping(value, path, ['block', 'require', 'allow']);
  if (!input) return { allow: true };
  const given = (['block', 'require', 'allow'] as const).filter((key) => input[key] !== undefined);
  if (given.length === 0) reader.error(path, 'needs one of block: true, require: {...} or allow: true');
  if (given.includes('block') && given.includes('require')) {
    reader.error(path, 'contradictory grant: block together with require (a blocked sign-in cannot meet requirements)');
  } else if (given.length > 1) {
    reader.error(path, `contradictory grant: ${given.join(' together with ')} (give exactly one)`);
  }
  if (input.block !== undefined && input.block !== true) reader.error([...path, 'block'], 'must be true (to not block, leave it out)');
  if (input.allow !== undefined && input.allow !== true) reader.error([...path, 'allow'], 'must be true (or leave grant out)');
  if (input.require !== undefined) {
    const requirements = validateRequirements(reader, input.require, [...path, 'require'], methods);
    if (given.length === 1) return { require: requirements };
  }
  return given[0] === 'block' ? { block: true } : { allow: true };
}

function validateRequirements(reader: ValidationReader, value: unknown, path: KeyPath, methods: readonly string[]): Requirements {
  const requirements: Requirements = { mfa: false, methods: [], phishingResistant: false, fresh: false };
  const input = reader.mapping(value, path, ['mfa', 'methods', 'phishingResistant', 'fresh']);
  if (!input) return requirements;
  for (const key of ['mfa', 'phishingResistant', 'fresh'] as const) {
    if (input[key] !== undefined) requirements[key] = reader.boolean(input[key], [...path, key]) ?? false;
  }
  if (input.methods !== undefined) {
    requirements.methods = reader.names(input.methods, [...path, 'methods']);
    requirements.methods.forEach((method, i) => {
      if (!methods.includes(method)) {
        reader.error([...path, 'methods', i], `unknown method "${method}" (known: ${methods.join(', ')})${hint(method, methods)}`);
      }
    });
  }
  return requirements;
}

function validateSession(reader: ValidationReader, value: unknown, path: KeyPath): SessionControls {
  const session: SessionControls = { signInFrequency: null, persistent: null };
  if (value === undefined || value === null) return session;
  const input = reader.mapping(value, path, ['signInFrequency', 'persistent']);
  if (!input) return session;
  if (input.signInFrequency !== undefined) {
    const ms = typeof input.signInFrequency === 'string' || typeof input.signInFrequency === 'number' ? parseDuration(input.signInFrequency) : null;
    if (ms === null || ms <= 0) reader.error([...path, 'signInFrequency'], 'must be a duration such as 8h, 30m or 7d');
    else session.signInFrequency = ms;
  }
  if (input.persistent !== undefined) session.persistent = reader.boolean(input.persistent, [...path, 'persistent']);
  return session;
}
