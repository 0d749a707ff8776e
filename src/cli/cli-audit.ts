import { createAudit, createFileSink, type Audit } from '../audit/index.js';
import { systemClock } from '../clock/clock.js';
import type { Config } from '../config/index.js';

/** The audit a CLI verb records through: the configured file sinks (stdout is the verb's own output, not a sink). */
export function cliAudit(config: Config): Audit {
  const sinks = config.audit.sinks.flatMap((sink) => (sink === 'stdout' ? [] : [createFileSink(sink.file)]));
  return createAudit({ sinks, personalFields: config.audit.personalFields, clock: systemClock });
}
