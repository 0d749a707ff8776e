import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { XmlRefusal } from '../../../xml/index.js';
import { readPostMessage } from '../bindings/read-post-message.js';
import { readRedirectMessage } from '../bindings/read-redirect-message.js';
import { acceptAuthnRequest } from '../request/accept-authn-request.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { AcceptedAuthnRequest, SamlDeps } from '../types.js';
import { answerRefusal } from './answer-refusal.js';
import { beginSignin } from './begin-signin.js';
import { idpInitiatedRequest } from './idp-initiated.js';

const RESUME_KEY = (handle: string) => `saml:resume:${handle}`;
const RESUME_TTL_MS = 5 * 60_000;

/**
 * /saml/sso. HTTP-Redirect starts the sign-in at once. HTTP-POST arrives cross-site, where SameSite=Lax cookies
 * (the SSO session) are not sent: the checked request is kept and the browser comes back with a GET first.
 * GET without SAMLRequest is IdP-initiated SSO (`loginToRp`, as AD FS names it).
 */
export function addSsoRoutes(router: Router, deps: SamlDeps, forms: Middleware): void {
  router.get('/saml/sso', async (ctx) => {
    if (ctx.query.SAMLRequest === undefined) return beginSignin(ctx, deps, idpInitiatedRequest(ctx, deps));
    const accepted = await accept(ctx, deps, () => readRedirectMessage(ctx.querystring));
    if (accepted) await beginSignin(ctx, deps, accepted);
  });

  router.post('/saml/sso', forms, async (ctx) => {
    const accepted = await accept(ctx, deps, () => readPostMessage((ctx.request as { body?: unknown }).body));
    if (!accepted) return;
    const handle = randomBytes(24).toString('base64url');
    await deps.store.set(RESUME_KEY(handle), accepted, RESUME_TTL_MS);
    ctx.status = 303;
    ctx.redirect(`/saml/sso/resume/${handle}`);
  });

  router.get('/saml/sso/resume/:handle', async (ctx) => {
    const handle = ctx.params.handle ?? '';
    const accepted = /^[A-Za-z0-9_-]{32}$/.test(handle) ? await deps.store.take<AcceptedAuthnRequest>(RESUME_KEY(handle)) : undefined;
    if (!accepted) throw new SamlRefusal('expired', 'This sign-in request has expired or was already used; go back to the application and start again.');
    await beginSignin(ctx, deps, accepted);
  });
}

/** Reads and checks the AuthnRequest; a refusal is answered here and undefined returned. */
async function accept(ctx: Context, deps: SamlDeps, read: () => ReturnType<typeof readRedirectMessage>): Promise<AcceptedAuthnRequest | undefined> {
  let message;
  try {
    message = read();
  } catch (error) {
    if (error instanceof XmlRefusal) return void (await answerRefusal(ctx, deps, error));
    throw error;
  }
  const result = await acceptAuthnRequest(deps, message);
  if (result.kind === 'accepted') return result.request;
  await answerRefusal(ctx, deps, result.refusal, result.replyTo);
  return undefined;
}
