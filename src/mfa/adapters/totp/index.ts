import type { MfaAdapterDeps } from '../../types.js';
import { createTotpAdapter } from './totp-adapter.js';

/** The built-in TOTP adapter module: `mfa.adapters: [totp]`, options from config `mfa.totp`. */
export default function create(options: Record<string, unknown>, deps: MfaAdapterDeps) {
  return createTotpAdapter(options, deps);
}
