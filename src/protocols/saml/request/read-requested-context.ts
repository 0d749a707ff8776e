import { requestedContextFromAuthnContext } from '../../../policy/index.js';
import type { RequestedContext } from '../../../signin/types.js';
import { attribute, childElements, NS, onlyChild, textOf } from '../../../xml/index.js';
import { SamlRefusal } from '../saml-refusal.js';

const COMPARISONS = ['exact', 'minimum', 'better', 'maximum'] as const;
type Comparison = (typeof COMPARISONS)[number];

/**
 * RequestedAuthnContext, translated by src/policy into the level the sign-in must reach (step-up). Classes
 * Gatehouse cannot satisfy, or a DeclRef, are NoAuthnContext.
 */
export function readRequestedContext(request: Element): { classRefs: string[]; context: RequestedContext | null } {
  const requested = onlyChild(request, NS.samlp, 'RequestedAuthnContext');
  if (!requested) return { classRefs: [], context: null };
  const refused = new SamlRefusal('no_authn_context', 'The requested authentication context is not offered.', { code: 'Requester', subcode: 'NoAuthnContext' });
  if (childElements(requested, NS.saml, 'AuthnContextDeclRef').length > 0) throw refused;
  const comparison = (attribute(requested, 'Comparison') ?? 'exact') as Comparison;
  if (!COMPARISONS.includes(comparison)) throw new SamlRefusal('malformed', 'The requested context comparison is not one of exact, minimum, better, maximum.');
  const classRefs = childElements(requested, NS.saml, 'AuthnContextClassRef').map((ref) => textOf(ref) ?? '').filter(Boolean);
  const context = requestedContextFromAuthnContext(classRefs, comparison);
  if (classRefs.length > 0 && context === null && comparison !== 'maximum') throw refused;
  return { classRefs, context };
}
