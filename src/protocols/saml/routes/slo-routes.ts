import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { attribute, XmlRefusal } from '../../../xml/index.js';
import type { BoundMessage } from '../bindings/bound-message.js';
import { redirectUrl } from '../bindings/query-signature.js';
import { readPostMessage } from '../bindings/read-post-message.js';
import { readRedirectMessage } from '../bindings/read-redirect-message.js';
import { buildLogoutResponse } from '../logout/build-logout-messages.js';
import { currentSession, endSsoSession } from '../logout/end-sso-session.js';
import { continueLogout, takeLogoutChain } from '../logout/logout-chain.js';
import { readLogoutStatus, readLogoutSubject } from '../logout/read-logout-request.js';
import { checkDestination } from '../request/check-destination.js';
import { checkIssueInstant, checkNotOnOrAfter } from '../request/check-message-time.js';
import { checkReplay } from '../request/check-replay.js';
import { findServiceProvider, readIssuer } from '../request/find-service-provider.js';
import { readProtocolMessage } from '../request/read-protocol-message.js';
import { verifySender } from '../request/verify-sender.js';
import { isSamlId } from '../saml-id.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { SamlDeps, ServiceProvider } from '../types.js';

/** A LogoutRequest checked and waiting for the browser's cookies (HTTP-POST arrives cross-site without them). */
interface AcceptedLogout {
  spId: string;
  requestId: string;
  nameId: string;
  sessionIndexes: string[];
  relayState?: string;
}

const RESUME_KEY = (handle: string) => `saml:slo-resume:${handle}`;

/**
 * /saml/slo. A LogoutRequest from an SP ends the SSO session, then each other SAML participant gets a
 * LogoutRequest in turn (front channel), and the SP that asked gets the LogoutResponse. A LogoutResponse moves
 * that chain on.
 */
export function addSloRoutes(router: Router, deps: SamlDeps, forms: Middleware): void {
  router.get('/saml/slo', (ctx) => receive(ctx, deps, readRedirectMessage(ctx.querystring)));
  router.post('/saml/slo', forms, (ctx) => receive(ctx, deps, readPostMessage((ctx.request as { body?: unknown }).body)));
  router.get('/saml/slo/resume/:handle', async (ctx) => {
    const handle = ctx.params.handle ?? '';
    const logout = /^[A-Za-z0-9_-]{32}$/.test(handle) ? await deps.store.take<AcceptedLogout>(RESUME_KEY(handle)) : undefined;
    if (!logout) throw new SamlRefusal('expired', 'This sign-out request has expired or was already used.');
    await logOut(ctx, deps, logout);
  });
}

async function receive(ctx: Context, deps: SamlDeps, message: BoundMessage): Promise<void> {
  if (message.kind === 'SAMLResponse') return receiveLogoutResponse(ctx, deps, message);
  const parsed = readProtocolMessage(message, ['LogoutRequest']);
  const sp = findServiceProvider(parsed.root, deps.serviceProviders);
  let logout: AcceptedLogout;
  try {
    const request = verifySender(message, parsed, sp);
    if (readIssuer(request) !== sp.entityId) throw new SamlRefusal('bad_signature', 'The signed request names another Issuer.');
    checkDestination(request, deps.idp.sloUrl);
    const now = deps.signin.clock.now();
    checkIssueInstant(request, now);
    checkNotOnOrAfter(request, now);
    const requestId = await checkReplay(request, sp.entityId, deps.store);
    logout = { spId: sp.id, requestId, ...readLogoutSubject(request), ...(message.relayState !== undefined ? { relayState: message.relayState } : {}) };
  } catch (error) {
    const refusal = error instanceof XmlRefusal ? new SamlRefusal(error.reason, error.message) : error;
    if (!(refusal instanceof SamlRefusal) || !sp.slo) throw refusal;
    const claimed = attribute(parsed.root, 'ID');
    return refuseLogout(ctx, deps, sp, refusal, isSamlId(claimed) ? claimed : undefined, message.relayState);
  }
  if (message.binding === 'redirect') return logOut(ctx, deps, logout);
  const handle = randomBytes(24).toString('base64url');
  await deps.store.set(RESUME_KEY(handle), logout, 5 * 60_000);
  ctx.status = 303;
  ctx.redirect(`/saml/slo/resume/${handle}`);
}

/** Ends this browser's session when the request names it, then notifies the other participants. */
async function logOut(ctx: Context, deps: SamlDeps, logout: AcceptedLogout): Promise<void> {
  const sp = deps.serviceProviders.byId(logout.spId)!;
  const { session, participants, rpIds } = await currentSession(ctx, deps);
  const mine = participants.find((p) => p.spId === sp.id);
  const names = mine && mine.nameId === logout.nameId && (logout.sessionIndexes.length === 0 || logout.sessionIndexes.includes(mine.sessionIndex));
  if (session && !names) {
    const refusal = new SamlRefusal('unknown_principal', 'This browser is not signed in as the user the request names.', { code: 'Requester', subcode: 'UnknownPrincipal' });
    return refuseLogout(ctx, deps, sp, refusal, logout.requestId, logout.relayState);
  }
  await endSsoSession(ctx, deps, session);
  const others = participants.filter((p) => p.spId !== sp.id);
  deps.signin.audit.record({ event: 'saml.signedout', result: 'success', ...(session ? { uniqueId: session.login } : {}), rp: sp.id, reason: `notifying ${others.map((p) => p.spId).join(',') || 'nobody'}`, clientIp: deps.clientIp(ctx) });
  const finish = sp.slo
    ? { kind: 'saml' as const, spId: sp.id, inResponseTo: logout.requestId, ...(logout.relayState !== undefined ? { relayState: logout.relayState } : {}) }
    : { kind: 'page' as const };
  await continueLogout(ctx, deps, { pending: others, partial: false, cleanupUrls: deps.cleanupUrls(rpIds), finish });
}

async function receiveLogoutResponse(ctx: Context, deps: SamlDeps, message: BoundMessage): Promise<void> {
  const parsed = readProtocolMessage(message, ['LogoutResponse']);
  const sp = findServiceProvider(parsed.root, deps.serviceProviders);
  const response = verifySender(message, parsed, sp);
  checkDestination(response, deps.idp.sloUrl);
  const inResponseTo = attribute(response, 'InResponseTo');
  const chain = isSamlId(inResponseTo) ? await takeLogoutChain(deps, inResponseTo) : undefined;
  if (!chain || chain.current?.spId !== sp.id) throw new SamlRefusal('unexpected_response', 'This sign-out answer does not match a sign-out in progress.');
  await continueLogout(ctx, deps, { ...chain, partial: chain.partial || !readLogoutStatus(response) });
}

/** A refused LogoutRequest is answered with a LogoutResponse to the SP's registered SLO URL. */
function refuseLogout(ctx: Context, deps: SamlDeps, sp: ServiceProvider, refusal: SamlRefusal, inResponseTo: string | undefined, relayState: string | undefined): void {
  deps.signin.audit.record({ event: 'saml.refused', result: 'failure', reason: refusal.code, rp: sp.id, clientIp: deps.clientIp(ctx) });
  const xml = buildLogoutResponse({
    issuer: deps.idp.entityId,
    destination: sp.slo!,
    ...(inResponseTo ? { inResponseTo } : {}),
    status: { ...refusal.status, message: refusal.message },
    now: deps.signin.clock.now(),
  });
  ctx.redirect(redirectUrl(sp.slo!, 'SAMLResponse', xml, relayState, deps.keys.signing));
}
