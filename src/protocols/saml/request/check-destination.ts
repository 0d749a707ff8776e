import { attribute } from '../../../xml/index.js';
import { SamlRefusal } from '../saml-refusal.js';

/** A Destination, when present, must be this endpoint: a message meant for another IdP is not used here. */
export function checkDestination(request: Element, endpoint: string): void {
  const destination = attribute(request, 'Destination');
  if (destination !== undefined && destination !== endpoint) throw new SamlRefusal('wrong_destination', `The request is addressed to ${destination}, not to ${endpoint}.`);
}
