import type { SsoSession } from '../../signin/sso-sessions.js';
import type { SigninRequest } from '../../signin/types.js';
import { requestedContextFromAcr } from './acr.js';

interface InteractionDetailsLike {
  prompt: { name: string; reasons: string[] };
  params: Record<string, unknown>;
}

/** Translates an OIDC authorization request into what the sign-in needs: hint, forced login, requested context. */
export function signinRequestFrom(details: InteractionDetailsLike, sso: SsoSession | undefined, nowMs: number): SigninRequest {
  const { params, prompt } = details;
  const acrValues = typeof params.acr_values === 'string' ? params.acr_values.split(' ').filter(Boolean) : [];
  const maxAge = typeof params.max_age === 'string' || typeof params.max_age === 'number' ? Number(params.max_age) : undefined;
  const promptParam = typeof params.prompt === 'string' ? params.prompt.split(' ') : [];
  const tooOld = maxAge !== undefined && sso !== undefined && nowMs / 1000 - sso.authTime > maxAge;
  const uiLocales = typeof params.ui_locales === 'string' ? params.ui_locales.split(' ').filter(Boolean) : undefined;
  return {
    ...(typeof params.login_hint === 'string' && params.login_hint ? { loginHint: params.login_hint } : {}),
    forceAuthn: promptParam.includes('login') || prompt.reasons.includes('login_prompt') || tooOld || maxAge === 0,
    requestedContext: requestedContextFromAcr([...acrValues, ...essentialAcrValues(params.claims)]),
    ...(uiLocales ? { uiLocales } : {}),
  };
}

/** acr values an RP marked essential through the claims parameter. */
function essentialAcrValues(claims: unknown): string[] {
  if (typeof claims !== 'string') return [];
  try {
    const parsed = JSON.parse(claims) as { id_token?: { acr?: { essential?: boolean; values?: unknown; value?: unknown } } };
    const acr = parsed.id_token?.acr;
    if (!acr?.essential) return [];
    const values = Array.isArray(acr.values) ? acr.values : [acr.value];
    return values.filter((v): v is string => typeof v === 'string');
  } catch {
    return [];
  }
}
