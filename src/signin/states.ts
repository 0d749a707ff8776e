/**
 * The sign-in transaction's states and the only moves between them (diagram: docs/signin-states.md).
 *
 * identify -> [passwordless] -> password -> access -> [mfa] -> issue -> done, with failed reachable from every
 * step. SSO re-use enters at `access`, so no path skips conditional access; a policy that wants fresh
 * authentication sends `access` back to `password`.
 */
export const SIGNIN_STATES = ['identify', 'passwordless', 'password', 'access', 'mfa', 'issue', 'done', 'failed'] as const;
export type SigninState = (typeof SIGNIN_STATES)[number];

const MOVES: Record<SigninState, readonly SigninState[]> = {
  identify: ['passwordless', 'password', 'failed'],
  passwordless: ['password', 'access', 'failed'],
  password: ['identify', 'access', 'failed'],
  access: ['password', 'mfa', 'issue', 'failed'],
  mfa: ['access', 'issue', 'failed'],
  issue: ['done', 'failed'],
  done: [],
  failed: [],
};

/** Whether the state machine allows moving from one state to another. */
export function canMove(from: SigninState, to: SigninState): boolean {
  return MOVES[from].includes(to);
}

/** The states a transaction may start in: a fresh sign-in asks who you are; SSO re-use goes straight to policy. */
export const INITIAL_STATES: readonly SigninState[] = ['identify', 'access'];
