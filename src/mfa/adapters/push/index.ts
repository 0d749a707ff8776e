import type { MfaAdapterDeps } from '../../types.js';
import { createPushAdapter } from './push-adapter.js';

/** The built-in push adapter module: `mfa.adapters: [push]`; Gatehouse hands it the device service. */
export default function create(options: Record<string, unknown>, deps: MfaAdapterDeps) {
  return createPushAdapter(options, deps);
}
