import type { AssuranceLevel, CompletedAuthentication } from './types.js';

/** OIDC acr values Gatehouse issues, in rising order. */
export const ACR: Readonly<Record<AssuranceLevel, string>> = Object.freeze({
  pwd: 'urn:gatehouse:acr:pwd',
  mfa: 'urn:gatehouse:acr:mfa',
  phr: 'urn:gatehouse:acr:phr',
});
export const MULTIPLE_AUTHN = 'http://schemas.microsoft.com/claims/multipleauthn';
export const REFEDS_MFA = 'https://refeds.org/profile/mfa';
export const PASSWORD_PROTECTED_TRANSPORT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';

const LEVELS: readonly AssuranceLevel[] = ['pwd', 'mfa', 'phr'];

/** Every URI Gatehouse understands as a request for a level: acr values, SAML classes, WS-Fed wauth. */
const KNOWN: ReadonlyMap<string, AssuranceLevel> = new Map([
  [ACR.pwd, 'pwd'],
  [ACR.mfa, 'mfa'],
  [ACR.phr, 'phr'],
  [MULTIPLE_AUTHN, 'mfa'],
  [REFEDS_MFA, 'mfa'],
  [PASSWORD_PROTECTED_TRANSPORT, 'pwd'],
  ['urn:oasis:names:tc:SAML:2.0:ac:classes:Password', 'pwd'],
  ['urn:oasis:names:tc:SAML:1.0:am:password', 'pwd'],
]);

/** The level one URI asks for; null when Gatehouse does not know it. */
export function assuranceOf(uri: string): AssuranceLevel | null {
  return KNOWN.get(uri.trim()) ?? null;
}

/**
 * What an OIDC request's acr_values ask for. acr_values list what the client would accept, so the lowest known
 * level is the least it asks; unknown values are ignored; null when none is known.
 * @param values the values, or the space-separated parameter as received
 */
export function requestedContextFromAcrValues(values: readonly string[] | string | null | undefined): AssuranceLevel | null {
  const list = typeof values === 'string' ? values.split(/\s+/) : (values ?? []);
  let lowest: AssuranceLevel | null = null;
  for (const value of list) {
    const level = value ? assuranceOf(value) : null;
    if (level !== null && (lowest === null || rank(level) < rank(lowest))) lowest = level;
  }
  return lowest;
}

/**
 * What a SAML RequestedAuthnContext asks for. exact and minimum: the lowest listed known class (any of them is
 * acceptable); better: one level above it; maximum: nothing beyond policy (null).
 */
export function requestedContextFromAuthnContext(
  classRefs: readonly string[],
  comparison: 'exact' | 'minimum' | 'better' | 'maximum' = 'exact',
): AssuranceLevel | null {
  if (comparison === 'maximum') return null;
  const lowest = requestedContextFromAcrValues(classRefs);
  if (lowest === null || comparison !== 'better') return lowest;
  return LEVELS[Math.min(rank(lowest) + 1, LEVELS.length - 1)]!;
}

/** What a WS-Federation `wauth` asks for (the same URIs as SAML and OIDC). */
export function requestedContextFromWauth(wauth: string | null | undefined): AssuranceLevel | null {
  return wauth ? assuranceOf(wauth) : null;
}

/** The level a sign-in reached: phr for phishing-resistant MFA, mfa for two factors (amr `mfa`), else pwd. */
export function assuranceFor(completed: Pick<CompletedAuthentication, 'amr' | 'phishingResistant'>): AssuranceLevel {
  if (!completed.amr.includes('mfa')) return 'pwd';
  return completed.phishingResistant ? 'phr' : 'mfa';
}

/** The OIDC acr to put in tokens for what the sign-in did. */
export function acrFor(completed: Pick<CompletedAuthentication, 'amr' | 'phishingResistant'>): string {
  return ACR[assuranceFor(completed)];
}

/**
 * The SAML AuthnContextClassRef for what the sign-in did: PasswordProtectedTransport without MFA; with MFA the
 * class the SP requested among multipleauthn and REFEDS MFA, else the first of those.
 */
export function authnContextClassRefFor(completed: Pick<CompletedAuthentication, 'amr' | 'phishingResistant'>, requested: readonly string[] = []): string {
  if (assuranceFor(completed) === 'pwd') return PASSWORD_PROTECTED_TRANSPORT;
  return requested.find((ref) => ref === MULTIPLE_AUTHN || ref === REFEDS_MFA) ?? MULTIPLE_AUTHN;
}

/** Whether `reached` is at least `wanted`. */
export function meetsAssurance(reached: AssuranceLevel, wanted: AssuranceLevel): boolean {
  return rank(reached) >= rank(wanted);
}

function rank(level: AssuranceLevel): number {
  return LEVELS.indexOf(level);
}
