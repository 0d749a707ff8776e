import type { Context } from 'koa';
import { GatehouseError } from '../../../errors/gatehouse-error.js';
import { XmlRefusal } from '../../../xml/index.js';
import { renderPostForm } from '../bindings/render-post-form.js';
import type { ReplyTo } from '../request/accept-authn-request.js';
import { errorResponse } from '../response/issue-response.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { SamlDeps } from '../types.js';

/**
 * Answers a refused SAML request: an error Response posted to the SP's registered ACS when one is known, else a
 * page. Never a redirect to an address that is not registered. Either way the audit records why.
 */
export async function answerRefusal(ctx: Context, deps: SamlDeps, error: SamlRefusal | XmlRefusal, replyTo?: ReplyTo, event = 'saml.refused'): Promise<void> {
  const refusal = error instanceof XmlRefusal ? new SamlRefusal(error.reason, error.message) : error;
  // Without a registered address the router's refusal middleware records the event and shows the page.
  if (!replyTo) throw refusal;
  deps.signin.audit.record({ event, result: 'failure', reason: refusal.code, rp: replyTo.sp.id, clientIp: deps.clientIp(ctx) });
  const xml = errorResponse({ idp: deps.idp, signingKey: deps.keys.signing }, replyTo, { ...refusal.status, message: refusal.message }, deps.signin.clock.now());
  await renderPostForm(ctx, { action: replyTo.acsUrl, fields: { SAMLResponse: Buffer.from(xml).toString('base64'), RelayState: replyTo.relayState }, rpName: replyTo.sp.name });
}

/** The page for a request no registered address can be trusted for. */
export function refusalPage(refusal: SamlRefusal): GatehouseError {
  return new GatehouseError(refusal.code === 'too_large' ? 413 : 400, 'bad_saml_request', refusal.message);
}
