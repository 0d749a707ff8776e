import type Router from '@koa/router';
import { cachedDocument } from '../metadata/cached-document.js';
import { samlMetadataXml } from '../metadata/saml-metadata.js';
import type { SamlDeps } from '../types.js';

/** /saml/metadata: signed IdP metadata with every published signing certificate. */
export function addMetadataRoute(router: Router, deps: SamlDeps): void {
  const document = cachedDocument(() => samlMetadataXml(deps.idp, deps.keys), () => deps.signin.clock.now());
  router.get('/saml/metadata', (ctx) => {
    ctx.type = 'application/samlmetadata+xml';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = document();
  });
}
