import { interactionPolicy } from 'oidc-provider';

/**
 * oidc-provider's prompts, with one check added to `login`: every authorization passes through a Gatehouse
 * sign-in, even with a live session, so that conditional access runs on SSO re-use too. The check is met only
 * when the request resumes from a finished Gatehouse interaction.
 */
export function gatehouseInteractionPolicy(): interactionPolicy.Prompt[] {
  const { base, Check } = interactionPolicy;
  const policy = base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider has no login prompt');
  login.checks.add(
    new Check('gatehouse_access', 'Gatehouse evaluates access on every sign-in', (ctx) =>
      ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
    ),
  );
  return policy;
}
