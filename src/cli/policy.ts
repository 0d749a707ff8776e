import type { Config } from '../config/index.js';
import { BUILT_IN_METHODS, formatPolicyProblem, loadPolicyFile, toExplanation, whatIf, type PolicyExplanation } from '../policy/index.js';
import { loadCliConfig } from './load-cli-config.js';
import { openEmbeddedDirectory } from './open-directory.js';
import { parseOptions } from './parse-options.js';
import { EXIT, UsageError, type CliIo, type Verb } from './types.js';

const USAGE = `usage: gatehouse policy check FILE
       gatehouse policy whatif --user LOGIN --rp ID --ip IP [--device known|unknown] [--method password|passwordless]
                               [--requested pwd|mfa|phr] [--client browser|other] [--policies FILE] [--json]
  check validates a policy file against the config (locations, relying parties, methods) and warns of policies
  that can never match or are shadowed by a block; whatif explains the decision for one sign-in`;

/** `gatehouse policy …`: check a policy file; explain a decision (what-if). */
export const policyVerb: Verb = {
  name: 'policy',
  summary: 'check a policy file; explain what policy decides for a sign-in (what-if)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      user: { type: 'string' },
      rp: { type: 'string' },
      ip: { type: 'string' },
      device: { type: 'string' },
      method: { type: 'string' },
      requested: { type: 'string' },
      client: { type: 'string' },
      policies: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) return io.out(USAGE), EXIT.ok;
    const [action, file, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const config = loadCliConfig(values.config, io);
    if (action === 'check') {
      if (!file) throw new UsageError('policy check: FILE is missing');
      return check(file, config, io);
    }
    if (action === 'whatif') {
      if (file) throw new UsageError(`unexpected argument "${file}"`);
      return explain(values, config, io);
    }
    throw new UsageError(`unknown action "${action ?? ''}" (check, whatif)`);
  },
};

function engineOptions(config: Config) {
  return {
    locations: config.locations,
    policyDefault: config.policyDefault,
    relyingParties: config.relyingParties.map((rp) => rp.id),
    methods: BUILT_IN_METHODS,
  };
}

async function check(file: string, config: Config, io: CliIo): Promise<number> {
  const result = await loadPolicyFile(file, engineOptions(config));
  if (!result.ok) {
    for (const problem of result.problems) io.err(formatPolicyProblem(problem, file));
    return EXIT.failed;
  }
  for (const warning of result.warnings) io.err(formatPolicyProblem(warning, file));
  io.out(`${file}: ${result.engine.policies.length} polic${result.engine.policies.length === 1 ? 'y' : 'ies'}, valid${result.warnings.length ? `, ${result.warnings.length} warning(s)` : ''}`);
  return EXIT.ok;
}

async function explain(values: Record<string, string | boolean | undefined>, config: Config, io: CliIo): Promise<number> {
  const need = (name: string) => {
    const value = values[name];
    if (typeof value !== 'string' || !value) throw new UsageError(`policy whatif: --${name} is required`);
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T | null): T | null => {
    const value = values[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !allowed.includes(value as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
    return value as T;
  };
  const login = need('user');
  const rpId = need('rp');
  const ip = need('ip');
  const device = oneOf('device', ['known', 'unknown'] as const, 'unknown');
  const method = oneOf('method', ['password', 'passwordless'] as const, 'password')!;
  const client = oneOf('client', ['browser', 'other'] as const, 'browser')!;
  const requested = oneOf('requested', ['pwd', 'mfa', 'phr'] as const, null);
  if (!config.relyingParties.some((rp) => rp.id === rpId)) {
    io.err(`gatehouse policy whatif: no relying party "${rpId}" in the config`);
    return EXIT.failed;
  }
  const policyFile = typeof values.policies === 'string' ? values.policies : config.policies;
  const loaded = await loadPolicyFile(policyFile, { ...engineOptions(config), allowMissing: true });
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.err(formatPolicyProblem(problem, policyFile));
    return EXIT.failed;
  }
  const { directory, store } = await openEmbeddedDirectory(config);
  try {
    const user = await directory.findUser(login);
    if (!user) {
      io.err(`gatehouse policy whatif: no user ${login}`);
      return EXIT.failed;
    }
    const decision = whatIf(loaded.engine, {
      user: { id: user.id, login: user.login, groups: user.groups },
      rpId,
      clientIp: ip,
      deviceKnown: device === 'known',
      method,
      client,
      requestedContext: requested,
      now: new Date(),
    });
    const explanation = toExplanation(decision);
    if (values.json) io.out(JSON.stringify(explanation, null, 2));
    else printExplanation(explanation, io);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function printExplanation(explanation: PolicyExplanation, io: CliIo): void {
  const { decision, requirements, session } = explanation;
  const needs = [requirements.mfa && 'MFA', requirements.methods.length && `one of ${requirements.methods.join(', ')}`, requirements.phishingResistant && 'phishing-resistant', requirements.fresh && 'fresh sign-in'].filter(Boolean);
  io.out(`decision: ${decision}${needs.length ? ` (${needs.join('; ')})` : ''}`);
  if (session.signInFrequency !== null || session.persistent !== null) {
    io.out(`session: ${session.signInFrequency !== null ? `sign-in frequency ${Math.round(session.signInFrequency / 60_000)} min` : ''}${session.persistent !== null ? ` persistent ${session.persistent}` : ''}`.trim());
  }
  for (const policy of explanation.policies) {
    io.out(`${policy.matched ? 'MATCHED' : 'no match'}  ${policy.name} [${policy.state}] -> ${policy.effect}`);
    for (const why of policy.why) io.out(`    ${why}`);
  }
}
