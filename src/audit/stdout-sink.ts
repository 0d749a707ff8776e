import type { Logger } from 'pino';
import type { AuditSink } from './types.js';

/** Writes each event as one pino JSON line on the server's logger, tagged `audit: true`. */
export function createStdoutSink(logger: Logger): AuditSink {
  const audit = logger.child({ audit: true });
  return { write: (event) => audit.info(event, event.event) };
}
