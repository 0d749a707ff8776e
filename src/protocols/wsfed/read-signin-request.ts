import { requestedContextFromWauth } from '../../policy/index.js';
import type { SsoSession } from '../../signin/sso-sessions.js';
import type { AcceptedSignin, WsfedRelyingParties, WsfedRelyingParty } from './types.js';
import { WsfedRefusal } from './wsfed-refusal.js';

export const MAX_WCTX = 2048;

/** The passive requestor's parameters, as strings; a repeated one is refused. */
export function wsfedParameters(source: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(source && typeof source === 'object' ? source : {})) {
    if (Array.isArray(value)) throw new WsfedRefusal('malformed', `The parameter ${name} is repeated.`);
    if (typeof value === 'string') params[name] = value;
  }
  return params;
}

/**
 * Checks a wsignin1.0 request: wtrealm registered; wreply, when given, exactly the realm's registered reply URL;
 * wfresh (0 = fresh sign-in, N = at most N minutes old); wauth known to src/policy (step-up, e.g. multipleauthn);
 * the username hint (`username`, or `login_hint`). whr is accepted and ignored: Gatehouse is the only home realm.
 */
export function readSigninRequest(params: Record<string, string>, parties: WsfedRelyingParties, sso: SsoSession | undefined, nowMs: number): { rp: WsfedRelyingParty; signin: AcceptedSignin } {
  const rp = params.wtrealm ? parties.byRealm(params.wtrealm) : undefined;
  if (!rp) throw new WsfedRefusal('unknown_realm', params.wtrealm ? `The application "${params.wtrealm}" (wtrealm) is not registered with this sign-in service.` : 'The request does not name its application (wtrealm).');
  if (params.wreply !== undefined && params.wreply !== rp.reply) throw new WsfedRefusal('unregistered_reply', `The reply address ${params.wreply} is not registered for ${rp.name}; the token is not sent there.`);
  if (params.wctx !== undefined && params.wctx.length > MAX_WCTX) throw new WsfedRefusal('malformed', 'The context (wctx) is too long.');
  let forceAuthn = false;
  if (params.wfresh !== undefined) {
    if (!/^\d{1,9}$/.test(params.wfresh)) throw new WsfedRefusal('malformed', 'wfresh must be a number of minutes.');
    const minutes = Number(params.wfresh);
    forceAuthn = minutes === 0 || (sso !== undefined && nowMs / 1000 - sso.authTime > minutes * 60);
  }
  const requestedContext = requestedContextFromWauth(params.wauth);
  if (params.wauth !== undefined && requestedContext === null) throw new WsfedRefusal('unsupported_wauth', `The authentication method ${params.wauth} (wauth) is not offered.`);
  const hint = params.username ?? params.login_hint;
  return {
    rp,
    signin: {
      rpId: rp.id,
      ...(params.wctx !== undefined ? { wctx: params.wctx } : {}),
      ...(params.wauth !== undefined ? { wauth: params.wauth } : {}),
      requestedContext,
      forceAuthn,
      ...(hint && hint.length <= 256 ? { loginHint: hint } : {}),
    },
  };
}
