import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context, Next } from 'koa';
import { XmlRefusal } from '../../xml/index.js';
import { refusalPage } from './routes/answer-refusal.js';
import { addCompleteRoute } from './routes/complete-route.js';
import { addMetadataRoute } from './routes/metadata-route.js';
import { addSloRoutes } from './routes/slo-routes.js';
import { addSsoRoutes } from './routes/sso-routes.js';
import { SamlRefusal } from './saml-refusal.js';
import type { SamlDeps } from './types.js';

/**
 * The SAML 2.0 IdP's routes:
 *   GET  /saml/metadata                 signed IdP metadata
 *   GET  /saml/sso                      AuthnRequest, HTTP-Redirect (or IdP-initiated with loginToRp)
 *   POST /saml/sso                      AuthnRequest, HTTP-POST -> GET /saml/sso/resume/:handle
 *   GET  /saml/sso/complete?tx=         the sign-in's answer: Response posted to the ACS
 *   GET|POST /saml/slo                  LogoutRequest / LogoutResponse (-> GET /saml/slo/resume/:handle for POST)
 */
export function samlRouter(deps: SamlDeps): Router {
  const router = new Router();
  // 64 KB of XML is about 88 KB in base64, plus RelayState.
  const forms = bodyParser({ enableTypes: ['form'], formLimit: '100kb', encoding: 'utf-8' });
  router.use(['/saml/sso', '/saml/slo'], refusalsAsPages(deps));
  addMetadataRoute(router, deps);
  addSsoRoutes(router, deps, forms);
  addCompleteRoute(router, deps);
  addSloRoutes(router, deps, forms);
  return router;
}

/** A refusal no registered address can be told about becomes a clear page (and an audit event). */
function refusalsAsPages(deps: SamlDeps) {
  return async function answerWithPage(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof SamlRefusal) && !(error instanceof XmlRefusal)) throw error;
      const refusal = error instanceof XmlRefusal ? new SamlRefusal(error.reason, error.message) : error;
      deps.signin.audit.record({ event: 'saml.refused', result: 'failure', reason: refusal.code, clientIp: deps.clientIp(ctx) });
      throw refusalPage(refusal);
    }
  };
}
