import type { Store } from '../../../store/types.js';
import { attribute } from '../../../xml/index.js';
import { isSamlId } from '../saml-id.js';
import { SamlRefusal } from '../saml-refusal.js';
import { CLOCK_SKEW_MS, MAX_REQUEST_AGE_MS } from './check-message-time.js';

/**
 * Each request ID is accepted once per SP, across every node (the Store's setIfAbsent). The ID is remembered for as
 * long as the request could still pass the IssueInstant check.
 */
export async function checkReplay(request: Element, spEntityId: string, store: Store): Promise<string> {
  const id = attribute(request, 'ID');
  if (!isSamlId(id)) throw new SamlRefusal('malformed', 'The request has no valid ID.');
  const first = await store.setIfAbsent(`saml:seen:${spEntityId}:${id}`, 1, MAX_REQUEST_AGE_MS + 2 * CLOCK_SKEW_MS);
  if (!first) throw new SamlRefusal('replayed', 'This request was already used (its ID was seen before); start the sign-in again.');
  return id;
}
