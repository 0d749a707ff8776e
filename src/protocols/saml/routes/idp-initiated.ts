import type { Context } from 'koa';
import { MAX_RELAY_STATE } from '../bindings/read-redirect-message.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { AcceptedAuthnRequest, SamlDeps } from '../types.js';

/**
 * IdP-initiated SSO: GET /saml/sso?loginToRp=<entity id> (or ?sp=<relying party id>), optionally with RelayState.
 * Only for SPs with `idpInitiated: true`; the Response goes to the SP's default ACS without InResponseTo.
 */
export function idpInitiatedRequest(ctx: Context, deps: SamlDeps): AcceptedAuthnRequest {
  const { loginToRp, sp: spId, RelayState } = ctx.query;
  const sp = typeof loginToRp === 'string' ? deps.serviceProviders.byEntityId(loginToRp) : typeof spId === 'string' ? deps.serviceProviders.byId(spId) : undefined;
  if (loginToRp === undefined && spId === undefined) throw new SamlRefusal('malformed', 'This address expects a SAML AuthnRequest (SAMLRequest).');
  if (!sp) throw new SamlRefusal('unknown_sp', 'That application is not registered with this sign-in service.');
  if (!sp.idpInitiated) throw new SamlRefusal('idp_initiated_off', `Sign-in started here is not enabled for ${sp.name}; start from the application.`);
  if (RelayState !== undefined && (typeof RelayState !== 'string' || RelayState.length > MAX_RELAY_STATE)) throw new SamlRefusal('malformed', 'The RelayState is not valid.');
  return {
    spId: sp.id,
    acsUrl: sp.acs[0]!.url,
    ...(typeof RelayState === 'string' ? { relayState: RelayState } : {}),
    forceAuthn: false,
    isPassive: false,
    requestedClassRefs: [],
    requestedContext: null,
  };
}
