import { attribute, XmlRefusal } from '../../../xml/index.js';
import type { BoundMessage } from '../bindings/bound-message.js';
import { isSamlId } from '../saml-id.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { AcceptedAuthnRequest, SamlDeps, ServiceProvider } from '../types.js';
import { checkDestination } from './check-destination.js';
import { checkIssueInstant } from './check-message-time.js';
import { checkReplay } from './check-replay.js';
import { findServiceProvider, readIssuer } from './find-service-provider.js';
import { checkProtocolBinding, pickAcs } from './pick-acs.js';
import { readNameIdPolicy } from './read-name-id-policy.js';
import { readProtocolMessage } from './read-protocol-message.js';
import { readRequestedContext } from './read-requested-context.js';
import { readSubjectHint } from './read-subject-hint.js';
import { verifySender } from './verify-sender.js';

/** Where an error Response may go: a registered ACS of a registered SP. */
export interface ReplyTo {
  sp: ServiceProvider;
  acsUrl: string;
  inResponseTo?: string;
  relayState?: string;
}

export type AuthnRequestResult = { kind: 'accepted'; request: AcceptedAuthnRequest } | { kind: 'refused'; refusal: SamlRefusal; replyTo?: ReplyTo };

/**
 * The AuthnRequest pipeline. Until a registered SP and one of its registered ACS URLs are known, a refusal is a
 * page (replyTo absent); from then on it is an error Response to that ACS. Everything after the signature check is
 * read from the signed element only.
 */
export async function acceptAuthnRequest(deps: Pick<SamlDeps, 'idp' | 'serviceProviders' | 'store' | 'signin'>, message: BoundMessage): Promise<AuthnRequestResult> {
  let replyTo: ReplyTo | undefined;
  try {
    const parsed = readProtocolMessage(message, ['AuthnRequest']);
    const sp = findServiceProvider(parsed.root, deps.serviceProviders);
    const claimedId = attribute(parsed.root, 'ID');
    replyTo = { sp, acsUrl: pickAcs(parsed.root, sp).url, ...(isSamlId(claimedId) ? { inResponseTo: claimedId } : {}), ...(message.relayState !== undefined ? { relayState: message.relayState } : {}) };

    const request = verifySender(message, parsed, sp);
    if (readIssuer(request) !== sp.entityId) throw new SamlRefusal('bad_signature', 'The signed request names another Issuer.');
    const acs = pickAcs(request, sp);
    replyTo = { ...replyTo, acsUrl: acs.url };
    checkProtocolBinding(request);
    checkDestination(request, deps.idp.ssoUrl);
    checkIssueInstant(request, deps.signin.clock.now());
    const requestId = await checkReplay(request, sp.entityId, deps.store);
    replyTo = { ...replyTo, inResponseTo: requestId };
    const nameIdFormat = readNameIdPolicy(request, sp);
    const { classRefs, context } = readRequestedContext(request);
    const loginHint = readSubjectHint(request);
    return {
      kind: 'accepted',
      request: {
        spId: sp.id,
        requestId,
        acsUrl: acs.url,
        ...(message.relayState !== undefined ? { relayState: message.relayState } : {}),
        forceAuthn: isTrue(attribute(request, 'ForceAuthn')),
        isPassive: isTrue(attribute(request, 'IsPassive')),
        ...(nameIdFormat ? { nameIdFormat } : {}),
        requestedClassRefs: classRefs,
        requestedContext: context,
        ...(loginHint ? { loginHint } : {}),
      },
    };
  } catch (error) {
    const refusal = error instanceof XmlRefusal ? new SamlRefusal(error.reason, error.message) : error;
    if (refusal instanceof SamlRefusal) return { kind: 'refused', refusal, ...(replyTo ? { replyTo } : {}) };
    throw error;
  }
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}
