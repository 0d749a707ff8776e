import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import { cachedDocument } from '../saml/index.js';
import { federationMetadataXml } from './federation-metadata.js';
import { wsfedParameters } from './read-signin-request.js';
import { beginSignin } from './routes/begin-signin.js';
import { addCompleteRoute } from './routes/complete-route.js';
import { cleanUp, signOut } from './routes/signout.js';
import type { WsfedDeps } from './types.js';
import { WsfedRefusal } from './wsfed-refusal.js';

/**
 * WS-Federation passive requestor at AD FS's addresses:
 *   GET|POST /adfs/ls/?wa=wsignin1.0 | wsignout1.0 | wsignoutcleanup1.0
 *   GET      /adfs/ls/complete?tx=          the RSTR posted to the realm's reply URL
 *   GET      /FederationMetadata/2007-06/FederationMetadata.xml
 */
export function wsfedRouter(deps: WsfedDeps): Router {
  const router = new Router();
  const forms = bodyParser({ enableTypes: ['form'], formLimit: '16kb', encoding: 'utf-8' });
  const metadata = cachedDocument(() => federationMetadataXml(deps.saml.idp, deps.keys, `${deps.issuer}/adfs/ls/`), () => deps.signin.clock.now());

  const passive = async (ctx: Context, source: unknown) => {
    const params = wsfedParameters(source);
    switch (params.wa) {
      case 'wsignin1.0':
        return beginSignin(ctx, deps, params);
      case 'wsignout1.0':
        return signOut(ctx, deps, params);
      case 'wsignoutcleanup1.0':
        return cleanUp(ctx, deps, params);
      default:
        deps.signin.audit.record({ event: 'wsfed.refused', result: 'failure', reason: 'unknown_action', clientIp: deps.clientIp(ctx) });
        throw new WsfedRefusal('unknown_action', params.wa ? `The action ${params.wa} (wa) is not supported.` : 'This address expects a WS-Federation request (wa).');
    }
  };

  addCompleteRoute(router, deps);
  router.get('/adfs/ls/', (ctx) => passive(ctx, ctx.query));
  router.post('/adfs/ls/', forms, (ctx) => passive(ctx, (ctx.request as { body?: unknown }).body));
  router.get('/FederationMetadata/2007-06/FederationMetadata.xml', (ctx) => {
    ctx.type = 'application/xml';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = metadata();
  });
  return router;
}
