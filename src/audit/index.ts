export type { Audit, AuditEvent, AuditInput, AuditSink } from './types.js';
export { createAudit } from './create-audit.js';
export { createStdoutSink } from './stdout-sink.js';
export { createFileSink } from './file-sink.js';
export { createMemorySink } from './memory-sink.js';
