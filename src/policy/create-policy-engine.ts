import { compileLocations, compilePolicies } from './compile-policies.js';
import { lintPolicies } from './lint-policies.js';
import { parsePolicyFile, type ParsedPolicyFile } from './parse-policy-file.js';
import { formatPath, sortProblems, type PathProblem } from './policy-problem.js';
import type { PolicyEngineOptions, PolicyLoadResult, PolicyProblem } from './types.js';
import { validatePolicies } from './validate-policies.js';

/**
 * Parses, validates, lints and compiles the YAML text of a policy file. Every problem is reported at once, with
 * its line and column; errors (ok: false) mean no engine, warnings come with the engine. Pure: no I/O.
 */
export function createPolicyEngine(text: string, options: PolicyEngineOptions): PolicyLoadResult {
  const parsed = parsePolicyFile(text);
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  const configProblems = checkLocations(options.locations);
  const { policies, problems } = validatePolicies(parsed.value, {
    locationNames: Object.keys(options.locations).filter((name) => name !== 'any'),
    relyingParties: options.relyingParties,
    methods: options.methods,
  });
  const failed = problems.some((p) => p.severity === 'error') || configProblems.some((p) => p.severity === 'error');
  // Lint reads positions from the policies' indexes, which hold only when every policy validated.
  const lint = failed ? [] : lintPolicies(policies, options);
  const all = [...sortProblems([...problems, ...lint].map((p) => place(parsed, p))), ...configProblems];
  if (failed) return { ok: false, problems: all };
  return { ok: true, engine: compilePolicies(policies, options), warnings: all };
}

function place(parsed: ParsedPolicyFile, problem: PathProblem): PolicyProblem {
  const at = parsed.locate(problem.path, problem.atKey);
  return { severity: problem.severity, path: formatPath(problem.path), line: at?.line ?? null, column: at?.column ?? null, message: problem.message };
}

/** Config `locations` problems: they have no place in the policy file, so no line. */
function checkLocations(locations: PolicyEngineOptions['locations']): PolicyProblem[] {
  const problems: PolicyProblem[] = compileLocations(locations).invalid.map((p) => ({
    severity: 'error',
    path: p.path,
    line: null,
    column: null,
    message: `${p.message} (in config)`,
  }));
  if ('any' in locations) {
    problems.push({ severity: 'warning', path: 'locations.any', line: null, column: null, message: 'policies read "any" as every address, so this location cannot be named in a policy' });
  }
  return problems;
}
