import type { EnrollableMfaAdapter, MfaAdapter } from './types.js';

const ENROLLMENT_METHODS = ['enrollmentOf', 'beginEnrollment', 'finishEnrollment', 'removeEnrollment'] as const;

/** Whether an adapter can be enrolled by its user (it has every enrollment method). */
export function isEnrollable(adapter: MfaAdapter): adapter is EnrollableMfaAdapter {
  const candidate = adapter as unknown as Record<string, unknown>;
  return ENROLLMENT_METHODS.every((name) => typeof candidate[name] === 'function');
}

export { ENROLLMENT_METHODS };
