import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { ensureBrowserId } from '../../../http/browser-id.js';
import { readIdCookie, SSO_COOKIE } from '../../../http/cookies.js';
import { startSignin } from '../../../signin/steps/start-signin.js';
import { readSigninRequest } from '../read-signin-request.js';
import type { WsfedDeps } from '../types.js';
import { WsfedRefusal } from '../wsfed-refusal.js';

export const PENDING_KEY = (handle: string) => `wsfed:signin:${handle}`;

/** wa=wsignin1.0: checks the request, then starts the sign-in transaction (the protocol only translates). */
export async function beginSignin(ctx: Context, deps: WsfedDeps, params: Record<string, string>): Promise<void> {
  const sso = await deps.signin.sso.find(readIdCookie(ctx, SSO_COOKIE));
  let read;
  try {
    read = readSigninRequest(params, deps.relyingParties, sso, deps.signin.clock.now());
  } catch (error) {
    if (error instanceof WsfedRefusal) deps.signin.audit.record({ event: 'wsfed.refused', result: 'failure', reason: error.reason, clientIp: deps.clientIp(ctx) });
    throw error;
  }
  const { rp, signin } = read;
  const handle = randomBytes(24).toString('base64url');
  const tx = await startSignin(deps.signin, {
    origin: { protocol: 'wsfed', rpId: rp.id, rpName: rp.name, handle },
    request: { ...(signin.loginHint ? { loginHint: signin.loginHint } : {}), forceAuthn: signin.forceAuthn, requestedContext: signin.requestedContext },
    clientIp: deps.clientIp(ctx),
    browserId: ensureBrowserId(ctx, deps.secure),
    ...(sso ? { sso } : {}),
  });
  await deps.store.set(PENDING_KEY(handle), signin, deps.transactionLifetimeMs);
  await deps.saml.showSignin(ctx, tx);
}
