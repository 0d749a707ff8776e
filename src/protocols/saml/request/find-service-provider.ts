import { NS, onlyChild, textOf } from '../../../xml/index.js';
import { SamlRefusal } from '../saml-refusal.js';
import type { ServiceProvider, ServiceProviders } from '../types.js';

/** The registered SP the message's Issuer names. An unknown Issuer gets a page: no address of it can be trusted. */
export function findServiceProvider(root: Element, providers: ServiceProviders): ServiceProvider {
  const issuer = readIssuer(root);
  const sp = issuer ? providers.byEntityId(issuer) : undefined;
  if (!sp) throw new SamlRefusal('unknown_sp', issuer ? `The application "${issuer}" is not registered with this sign-in service.` : 'The request does not say which application sent it (no Issuer).');
  return sp;
}

/** The Issuer of a SAML 2.0 protocol message (a direct child of the root). */
export function readIssuer(root: Element): string | undefined {
  return textOf(onlyChild(root, NS.saml, 'Issuer')) || undefined;
}
