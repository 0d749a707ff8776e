import type { MfaAdapterDeps } from '../../types.js';
import { createRecoveryAdapter } from './recovery-adapter.js';

/** The built-in recovery-code adapter module: `mfa.adapters: [recovery]`. */
export default function create(options: Record<string, unknown>, deps: MfaAdapterDeps) {
  return createRecoveryAdapter(options, deps);
}
