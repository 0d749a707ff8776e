import { MessageParserError, ResultCodeError } from 'ldapts';
import { LdapTimeoutError } from './with-timeout.js';

// busy, unavailable. Not unwillingToPerform: AD answers it for policy reasons, not because it is going away.
const SERVER_GONE_CODES = new Set([51, 52]);
// ldapts' own words for a socket that failed, closed or timed out (it throws plain Errors for them).
const LDAPTS_CONNECTION = /connection|socket|timed? ?out|timeout/i;

/**
 * Whether an error says the server (or the connection to it) failed, rather than answering the request: refused,
 * reset or closed sockets, TLS failures, timeouts, garbage on the wire, "busy" and "unavailable". Those move on to
 * the next server. Anything else (a bug, say) is not blamed on the server.
 */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof ResultCodeError) return SERVER_GONE_CODES.has(error.code);
  if (error instanceof LdapTimeoutError || error instanceof MessageParserError) return true;
  if (!(error instanceof Error)) return false;
  // Node's network and TLS errors carry a code: ECONNREFUSED, ECONNRESET, SELF_SIGNED_CERT_IN_CHAIN, ERR_TLS_…
  if (typeof (error as NodeJS.ErrnoException).code === 'string') return true;
  return LDAPTS_CONNECTION.test(error.message);
}

/** Whether it is a timeout (ldapts' "Operation timed out", "Connection timeout", or ours). */
export function isTimeout(error: unknown): boolean {
  return error instanceof LdapTimeoutError || (error instanceof Error && /timed? ?out|timeout/i.test(error.message));
}
