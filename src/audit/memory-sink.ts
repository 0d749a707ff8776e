import type { AuditEvent, AuditSink } from './types.js';

/** Keeps events in memory: for tests and for embedding apps that want to read them back. */
export function createMemorySink(): AuditSink & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return { events, write: (event) => void events.push(event) };
}
