import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import type { SilentOutcome, SilentSignin } from './silent-signin.js';

/**
 * oidc-provider's prompts, with two checks added to `login`: every authorization passes through a Gatehouse
 * sign-in, even with a live session, so that conditional access runs on SSO re-use too. The checks are met when
 * the request resumes from a finished Gatehouse interaction, or, for prompt=none, when the sign-in ran without a
 * page. Two checks, because each carries the error a prompt=none request gets when it fails.
 */
export function gatehouseInteractionPolicy(silent: SilentSignin): interactionPolicy.Prompt[] {
  const { base, Check } = interactionPolicy;
  const policy = base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider has no login prompt');
  // oidc-provider runs a prompt's checks side by side: both read the one silent sign-in of the request.
  const outcomes = new WeakMap<KoaContextWithOIDC, Promise<SilentOutcome>>();
  const outcome = (ctx: KoaContextWithOIDC): Promise<SilentOutcome> | undefined => {
    if (ctx.oidc.result?.login || !ctx.oidc.prompts.has('none')) return undefined;
    let pending = outcomes.get(ctx);
    if (!pending) outcomes.set(ctx, (pending = silent(ctx)));
    return pending;
  };
  login.checks.add(
    new Check('gatehouse_access', 'Gatehouse evaluates access on every sign-in', 'login_required', async (ctx: KoaContextWithOIDC) => {
      if (ctx.oidc.result?.login) return Check.NO_NEED_TO_PROMPT;
      const silently = outcome(ctx);
      return silently && (await silently) !== 'login_required' ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  login.checks.add(
    new Check('gatehouse_mfa', 'a second factor is needed for this application', 'interaction_required', async (ctx: KoaContextWithOIDC) => {
      const silently = outcome(ctx);
      return silently && (await silently) === 'interaction_required' ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
    }),
  );
  return policy;
}
