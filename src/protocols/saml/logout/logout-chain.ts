import type { Context } from 'koa';
import { redirectUrl } from '../bindings/query-signature.js';
import type { SamlDeps, SessionParticipant } from '../types.js';
import { buildLogoutRequest, buildLogoutResponse } from './build-logout-messages.js';

/** How long Gatehouse waits for an SP to answer its LogoutRequest. */
const STEP_TTL_MS = 10 * 60_000;
const KEY = (requestId: string) => `saml:logout:${requestId}`;

/** Where single logout ends once every participant was asked. */
export type LogoutFinish =
  | { kind: 'saml'; spId: string; inResponseTo?: string; relayState?: string }
  | { kind: 'url'; url: string }
  | { kind: 'page' };

/**
 * Front-channel single logout in progress: the SAML participants still to ask (one redirect each, answered by
 * their LogoutResponse), the WS-Federation cleanup URLs to call from the last page, and where it ends.
 */
export interface LogoutChain {
  pending: SessionParticipant[];
  current?: { spId: string; requestId: string };
  partial: boolean;
  cleanupUrls: string[];
  finish: LogoutFinish;
}

/** Sends the browser to the next participant with a signed LogoutRequest, or finishes. */
export async function continueLogout(ctx: Context, deps: SamlDeps, chain: LogoutChain): Promise<void> {
  const keys = deps.keys.signing;
  for (let next = chain.pending.shift(); next; next = chain.pending.shift()) {
    const sp = deps.serviceProviders.byId(next.spId);
    if (!sp?.slo) continue;
    const request = buildLogoutRequest({ issuer: deps.idp.entityId, destination: sp.slo, participant: next, spEntityId: sp.entityId, now: deps.signin.clock.now() });
    const step: LogoutChain = { ...chain, current: { spId: sp.id, requestId: request.id } };
    await deps.store.set(KEY(request.id), step, STEP_TTL_MS);
    ctx.redirect(redirectUrl(sp.slo, 'SAMLRequest', request.xml, undefined, keys));
    return;
  }
  await finishLogout(ctx, deps, chain);
}

/** The chain waiting for the LogoutResponse to this request, taken so each answer is used once. */
export function takeLogoutChain(deps: SamlDeps, requestId: string): Promise<LogoutChain | undefined> {
  return deps.store.take<LogoutChain>(KEY(requestId));
}

async function finishLogout(ctx: Context, deps: SamlDeps, chain: LogoutChain): Promise<void> {
  const { finish } = chain;
  let url: string | undefined;
  if (finish.kind === 'saml') {
    const sp = deps.serviceProviders.byId(finish.spId);
    if (sp?.slo) {
      const xml = buildLogoutResponse({
        issuer: deps.idp.entityId,
        destination: sp.slo,
        ...(finish.inResponseTo ? { inResponseTo: finish.inResponseTo } : {}),
        status: chain.partial ? { code: 'Success', subcode: 'PartialLogout' } : { code: 'Success' },
        now: deps.signin.clock.now(),
      });
      url = redirectUrl(sp.slo, 'SAMLResponse', xml, finish.relayState, deps.keys.signing);
    }
  } else if (finish.kind === 'url') url = finish.url;
  if (url && chain.cleanupUrls.length === 0) return ctx.redirect(url);
  await renderSignedOut(ctx, chain.cleanupUrls, url);
}

/**
 * "You are signed out", with the WS-Federation cleanup calls as images (wsignoutcleanup1.0, as AD FS does) and a
 * link on to where the sign-out started. The page's CSP allows images from exactly those origins.
 */
export async function renderSignedOut(ctx: Context, cleanupUrls: readonly string[], continueUrl?: string): Promise<void> {
  const origins = [...new Set(cleanupUrls.map((url) => new URL(url).origin))];
  ctx.set(
    'Content-Security-Policy',
    ["default-src 'none'", "script-src 'self'", "style-src 'self'", `img-src 'self' data: ${origins.join(' ')}`.trim(), "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"].join('; '),
  );
  ctx.set('Cache-Control', 'no-store');
  await ctx.render('saml/signed-out', { title: ctx.state.t('logout.done.title'), message: ctx.state.t('logout.done.message'), cleanupUrls, continueUrl });
}
