import type { PolicyProblem } from './types.js';

/** A key path as the validator builds it: keys and list indexes. */
export type KeyPath = ReadonlyArray<string | number>;

/** A problem before positions are known. */
export interface PathProblem {
  severity: 'error' | 'warning';
  path: KeyPath;
  message: string;
  /** Point at the key itself (an unknown key) rather than at its value. */
  atKey?: boolean;
}

/** `policies[2].conditions.locations`, as config problems are named. */
export function formatPath(path: KeyPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${part}`)).join('');
}

/** One line for a terminal or a log: `policies.yaml:12:7: error: policies[1].conditions.location: unknown condition`. */
export function formatPolicyProblem(problem: PolicyProblem, sourceName = 'policies'): string {
  const where = problem.line === null ? sourceName : `${sourceName}:${problem.line}:${problem.column ?? 1}`;
  return `${where}: ${problem.severity}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
}

/** File order, then errors before warnings; problems without a position last. */
export function sortProblems(problems: PolicyProblem[]): PolicyProblem[] {
  const at = (p: PolicyProblem) => (p.line === null ? Number.MAX_SAFE_INTEGER : p.line * 10_000 + (p.column ?? 0));
  return [...problems].sort((a, b) => at(a) - at(b) || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
