import { readFile } from 'node:fs/promises';
import { createPolicyEngine } from './create-policy-engine.js';
import type { PolicyEngineOptions, PolicyLoadResult } from './types.js';

export interface LoadPolicyFileOptions extends PolicyEngineOptions {
  /** A file that does not exist means no policies (policyDefault decides), with a warning. Default: an error. */
  allowMissing?: boolean;
}

/**
 * Reads and compiles a policy file. Never throws: an unreadable or invalid file comes back as ok: false with every
 * problem, so that a watcher can keep its previous engine. The only I/O of src/policy lives here.
 */
export async function loadPolicyFile(path: string, options: LoadPolicyFileOptions): Promise<PolicyLoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT' && options.allowMissing) {
      const result = createPolicyEngine('', options);
      if (result.ok) {
        const message = `${path} does not exist: no policies, so policyDefault (${options.policyDefault}) decides every sign-in`;
        result.warnings.unshift({ severity: 'warning', path: '', line: null, column: null, message });
      }
      return result;
    }
    return { ok: false, problems: [{ severity: 'error', path: '', line: null, column: null, message: `cannot read ${path} (${code})` }] };
  }
  return createPolicyEngine(text, options);
}
