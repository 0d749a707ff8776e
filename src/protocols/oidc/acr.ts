import type { RequestedContext } from '../../signin/types.js';

export const ACR = { pwd: 'urn:gatehouse:acr:pwd', mfa: 'urn:gatehouse:acr:mfa', phr: 'urn:gatehouse:acr:phr' } as const;
const ALIASES: Record<string, RequestedContext> = {
  [ACR.pwd]: 'pwd',
  [ACR.mfa]: 'mfa',
  [ACR.phr]: 'phr',
  'http://schemas.microsoft.com/claims/multipleauthn': 'mfa',
  'https://refeds.org/profile/mfa': 'mfa',
};
export const SUPPORTED_ACR_VALUES = Object.keys(ALIASES);
const RANK: Record<RequestedContext, number> = { pwd: 0, mfa: 1, phr: 2 };

/** The strongest context among the acr values an RP sent (unknown values are ignored, as OIDC allows). */
export function requestedContextFromAcr(values: string[]): RequestedContext | null {
  let strongest: RequestedContext | null = null;
  for (const value of values) {
    const context = ALIASES[value];
    if (context && (strongest === null || RANK[context] > RANK[strongest])) strongest = context;
  }
  return strongest;
}

/** The acr that tells the truth about what ran: phishing-resistant MFA, MFA, or password alone. */
export function acrFor(amr: string[]): string {
  if (amr.includes('hwk') && amr.includes('mfa')) return ACR.phr;
  if (amr.includes('mfa')) return ACR.mfa;
  return ACR.pwd;
}
