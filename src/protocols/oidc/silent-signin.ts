import type { Context } from 'koa';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Config, OidcRelyingPartyConfig } from '../../config/index.js';
import { ensureBrowserId } from '../../http/browser-id.js';
import { readIdCookie, SSO_COOKIE } from '../../http/cookies.js';
import { auditFields } from '../../signin/audit-fields.js';
import type { SigninDeps } from '../../signin/deps.js';
import { completeSignin } from '../../signin/steps/complete-signin.js';
import { evaluateAccess } from '../../signin/steps/evaluate-access.js';
import { startSignin } from '../../signin/steps/start-signin.js';
import { signinRequestFrom } from './signin-request.js';

/**
 * How a prompt=none request ends: issued at once, or the error the app gets (OIDC Core 3.1.2.6): login_required
 * when the person must sign in (no usable session, a fresh password needed, blocked: the interactive sign-in
 * shows why), interaction_required when the session is fine but a second factor is still needed for this app.
 */
export type SilentOutcome = 'issued' | 'login_required' | 'interaction_required';
export type SilentSignin = (ctx: KoaContextWithOIDC) => Promise<SilentOutcome>;

/**
 * prompt=none (an app renewing its tokens in the background): the sign-in runs with no page. It passes only when
 * the browser's SSO session belongs to the user oidc-provider's session names and conditional access lets this
 * app through with what that session already proved, exactly as an interactive SSO re-use would. Anything that
 * needs the person (MFA not yet done for this app, a fresh password, a block, a disabled user) ends the sign-in,
 * and oidc-provider answers login_required, so the app sends the person to an interactive sign-in.
 */
export function silentSignin(deps: { signin: SigninDeps; config: Config; clientIp: (ctx: Context) => string }): SilentSignin {
  const { signin, config } = deps;
  const secure = config.issuer.startsWith('https:');
  const rps = new Map(
    config.relyingParties.filter((rp): rp is OidcRelyingPartyConfig => rp.type === 'oidc').map((rp) => [rp.clientId ?? rp.id, rp]),
  );

  return async (ctx) => {
    const accountId = ctx.oidc.session?.accountId;
    const rp = ctx.oidc.client ? rps.get(ctx.oidc.client.clientId) : undefined;
    if (!accountId || !rp) return 'login_required';
    // oidc-provider refuses a hint naming someone else too (its checks run beside this one): sign nobody in for it.
    const hinted = ctx.oidc.entities.IdTokenHint?.payload.sub;
    if (hinted !== undefined && hinted !== accountId) return 'login_required';
    const sso = await signin.sso.find(readIdCookie(ctx, SSO_COOKIE));
    if (!sso || sso.userId !== accountId) return 'login_required';
    const request = signinRequestFrom({ prompt: { name: 'none', reasons: [] }, params: ctx.oidc.params ?? {} }, sso, signin.clock.now());
    if (request.forceAuthn) return 'login_required';
    const tx = await startSignin(signin, {
      origin: { protocol: 'oidc', rpId: rp.id, rpName: rp.name ?? rp.id, handle: 'prompt-none' },
      request,
      clientIp: deps.clientIp(ctx),
      browserId: ensureBrowserId(ctx, secure),
      sso,
    });
    // Policy only: entering MFA would already push to the person's phone, which a background renewal must never do.
    if (tx.state === 'access') await evaluateAccess(signin, tx);
    if (tx.state !== 'issue') {
      signin.audit.record({ ...auditFields(tx), event: 'signin.needs_interaction', result: 'info', reason: tx.state === 'failed' ? (tx.failure?.code ?? 'failed') : tx.state });
      return tx.state === 'mfa' ? 'interaction_required' : 'login_required';
    }
    await completeSignin(signin, tx);
    return 'issued';
  };
}
