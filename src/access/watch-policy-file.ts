import { unwatchFile, watchFile } from 'node:fs';
import type { Logger } from 'pino';
import type { Audit } from '../audit/types.js';
import { formatPolicyProblem, loadPolicyFile, type LoadPolicyFileOptions, type PolicyEngine } from '../policy/index.js';
import type { PolicySource } from '../signin/access-decider.js';

export interface PolicyWatcher extends PolicySource {
  /** Reads the file again now; resolves true when the new policies are in force. */
  reload(): Promise<boolean>;
  close(): void;
}

/**
 * Loads the policy file at start (a bad file stops start-up) and reloads it whenever it changes. A bad file at
 * reload is refused: the policies in force stay, and the problems are logged and audited.
 */
export async function watchPolicyFile(
  path: string,
  options: LoadPolicyFileOptions & { logger: Logger; audit: Audit; intervalMs?: number },
): Promise<PolicyWatcher> {
  const { logger, audit, intervalMs = 1000, ...loadOptions } = options;
  const first = await loadPolicyFile(path, { allowMissing: true, ...loadOptions });
  if (!first.ok) throw new Error(`policies: ${first.problems.map((p) => formatPolicyProblem(p, path)).join('; ')}`);
  for (const warning of first.warnings) logger.warn({ policyFile: path }, formatPolicyProblem(warning, path));
  let engine: PolicyEngine = first.engine;
  let loading: Promise<boolean> | undefined;

  const reload = async (): Promise<boolean> => {
    const result = await loadPolicyFile(path, { allowMissing: true, ...loadOptions });
    if (!result.ok) {
      const problems = result.problems.map((p) => formatPolicyProblem(p, path));
      logger.error({ policyFile: path, problems }, 'the changed policy file was refused; the policies in force stay');
      audit.record({ event: 'policy.refused', result: 'failure', reason: problems.join('; ') });
      return false;
    }
    engine = result.engine;
    logger.info({ policyFile: path, policies: engine.policies.length }, 'policies reloaded');
    audit.record({ event: 'policy.reloaded', result: 'success', reason: `${engine.policies.length} policies` });
    return true;
  };

  // Polling rather than fs.watch: it also sees files replaced by rename (editors, config management) and works
  // on network and bind mounts.
  watchFile(path, { interval: intervalMs, persistent: false }, (now, before) => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino) return;
    loading = (loading ?? Promise.resolve(true)).then(reload, reload);
  });

  return {
    current: () => engine,
    reload: () => (loading = (loading ?? Promise.resolve(true)).then(reload, reload)),
    close: () => unwatchFile(path),
  };
}
