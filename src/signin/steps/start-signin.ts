import type { SigninDeps } from '../deps.js';
import type { SsoSession } from '../sso-sessions.js';
import type { SigninOrigin, SigninRequest, SigninTransaction } from '../types.js';
import { auditFields } from '../audit-fields.js';
import { submitIdentify } from './identify.js';

/**
 * Starts a sign-in. An SSO session that may be re-used enters at `access`, so policy still decides; a login hint
 * skips the identify page.
 */
export async function startSignin(
  deps: SigninDeps,
  input: { origin: SigninOrigin; request: SigninRequest; clientIp: string; browserId: string; sso?: SsoSession },
): Promise<SigninTransaction> {
  const tx = deps.transactions.create(input);
  const { sso } = input;
  if (sso && !input.request.forceAuthn) {
    Object.assign(tx, {
      state: 'access',
      subject: { login: sso.login, id: sso.userId },
      primary: sso.primary,
      amr: [...sso.amr],
      methods: [...sso.methods],
      authTime: sso.authTime,
      ssoSessionId: sso.id,
    } satisfies Partial<SigninTransaction>);
  } else if (sso) {
    // A forced fresh sign-in still knows who the browser belongs to, and keeps the session to replace it.
    tx.ssoSessionId = sso.id;
  }
  deps.audit.record({ ...auditFields(tx), event: 'signin.started', result: 'info', ...(tx.ssoSessionId && tx.state === 'access' ? { authMode: 'sso' } : {}) });
  if (tx.state === 'identify' && input.request.loginHint) await submitIdentify(deps, tx, input.request.loginHint);
  return tx;
}
