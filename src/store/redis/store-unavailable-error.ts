import { UnavailableError } from '../../errors/gatehouse-error.js';

export const UNAVAILABLE_MESSAGE = 'The service is unavailable for a moment. Try again shortly.';

/**
 * Redis could not be reached (refused, timed out, closed, loading, failing over). Every Store call that fails this
 * way rejects with it, so the HTTP layer answers 503 instead of hanging or crashing. `statusCode` is what
 * oidc-provider reads for the status of its own responses.
 */
export class StoreUnavailableError extends UnavailableError {
  readonly statusCode = 503;

  constructor(cause: unknown) {
    super('unavailable', UNAVAILABLE_MESSAGE);
    this.cause = cause;
  }
}

/** Redis replies that mean "not now" rather than "wrong command": the store is unavailable, not broken. */
const TRANSIENT_REPLY = /^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|NOREPLICAS|BUSY|MISCONF)\b/;

/** True when a failed command says Redis is unreachable or not serving, as opposed to a bad command or value. */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  if (error instanceof TypeError || error instanceof RangeError) return false;
  if (error.name === 'ReplyError') return TRANSIENT_REPLY.test(error.message);
  if (error.name === 'NotReplicatedError') return true;
  return true;
}
