import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | undefined;

/**
 * prom-client's process metrics (CPU, memory, event-loop lag, GC, handles). They belong to the process, not to a
 * Gatehouse instance, and their collectors cannot be stopped: so they are collected once per process, into one
 * registry that every instance's /metrics merges with its own (tests and embedding apps start many instances).
 */
export function processRegistry(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
