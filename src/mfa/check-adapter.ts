import { ENROLLMENT_METHODS } from './is-enrollable.js';
import type { MfaAdapter } from './types.js';

export const ADAPTER_ID = /^[a-z][a-z0-9-]{0,31}$/;
const AMR_VALUE = /^[a-z]{2,16}$/;

/** Every way an object fails to be an MfaAdapter, as short phrases; empty when it fits. */
export function checkAdapter(candidate: unknown): string[] {
  if (!candidate || typeof candidate !== 'object') return ['create() must return an object'];
  const a = candidate as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof a.id !== 'string' || !ADAPTER_ID.test(a.id)) problems.push('id must be a string of a-z, 0-9 and "-" starting with a letter');
  const metadata = a.metadata as Record<string, unknown> | undefined;
  if (!metadata || typeof metadata !== 'object') problems.push('metadata is missing');
  else {
    const names = metadata.displayName as Record<string, unknown> | undefined;
    if (!names || typeof names !== 'object' || typeof names.en !== 'string' || !names.en) problems.push('metadata.displayName.en must be a string');
    else if (Object.values(names).some((name) => typeof name !== 'string')) problems.push('metadata.displayName values must be strings');
    const amr = metadata.amr;
    if (!Array.isArray(amr) || amr.length === 0 || !amr.every((v) => typeof v === 'string' && AMR_VALUE.test(v))) {
      problems.push('metadata.amr must be a non-empty list of RFC 8176 values such as "otp"');
    }
    for (const flag of ['phishingResistant', 'firstFactor']) if (typeof metadata[flag] !== 'boolean') problems.push(`metadata.${flag} must be true or false`);
    for (const flag of ['fallback', 'mobileApp']) if (metadata[flag] !== undefined && typeof metadata[flag] !== 'boolean') problems.push(`metadata.${flag} must be true or false when given`);
  }
  for (const method of ['isAvailableForUser', 'begin', 'tryEnd'] as const) if (typeof a[method] !== 'function') problems.push(`${method} must be a function`);
  const enrollment = ENROLLMENT_METHODS.filter((method) => a[method] !== undefined);
  if (enrollment.length > 0) {
    for (const method of ENROLLMENT_METHODS) if (typeof a[method] !== 'function') problems.push(`${method} must be a function (an enrollable adapter has all of ${ENROLLMENT_METHODS.join(', ')})`);
  }
  return problems;
}

/** Narrows after checkAdapter found nothing wrong. */
export function fitsAdapter(candidate: unknown): candidate is MfaAdapter {
  return checkAdapter(candidate).length === 0;
}
