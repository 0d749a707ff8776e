import { attribute } from '../../../xml/index.js';
import { parseInstant } from '../saml-time.js';
import { SamlRefusal } from '../saml-refusal.js';

/** How old a request may be when it arrives. */
export const MAX_REQUEST_AGE_MS = 5 * 60_000;
/** Clocks of SP and IdP may differ this much either way. */
export const CLOCK_SKEW_MS = 3 * 60_000;

/** A request's IssueInstant must be recent (within MAX_REQUEST_AGE_MS, allowing CLOCK_SKEW_MS). */
export function checkIssueInstant(request: Element, now: number): void {
  const issued = parseInstant(attribute(request, 'IssueInstant'));
  if (Number.isNaN(issued)) throw new SamlRefusal('malformed', 'The request has no valid IssueInstant.');
  if (issued > now + CLOCK_SKEW_MS) throw new SamlRefusal('stale_request', 'The request was issued in the future (check the clocks).');
  if (issued < now - MAX_REQUEST_AGE_MS - CLOCK_SKEW_MS) throw new SamlRefusal('stale_request', 'The request is too old (IssueInstant); start the sign-in again.');
}

/** A LogoutRequest's NotOnOrAfter, when given, must not have passed. */
export function checkNotOnOrAfter(request: Element, now: number): void {
  const value = attribute(request, 'NotOnOrAfter');
  if (value === undefined) return;
  const until = parseInstant(value);
  if (Number.isNaN(until) || until + CLOCK_SKEW_MS <= now) throw new SamlRefusal('stale_request', 'The request has expired (NotOnOrAfter).');
}
