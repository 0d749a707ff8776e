import { hostname, networkInterfaces } from 'node:os';
import type { Clock } from '../clock/clock.js';
import type { Audit, AuditEvent, AuditInput, AuditSink } from './types.js';

const PERSONAL_FIELDS = ['firstName', 'lastName', 'email'] as const;

/** Builds the audit trail: stamps each event with time and server, drops personal fields when switched off. */
export function createAudit(options: { sinks: AuditSink[]; personalFields: boolean; clock: Clock }): Audit {
  const serverName = hostname();
  const serverIp = firstServerIp();
  return {
    record(input: AuditInput) {
      const event: AuditEvent = { time: new Date(options.clock.now()).toISOString(), ...input, serverName, serverIp };
      if (!options.personalFields) for (const field of PERSONAL_FIELDS) delete event[field];
      for (const sink of options.sinks) sink.write(event);
    },
    async close() {
      await Promise.all(options.sinks.map((sink) => sink.close?.()));
    },
  };
}

function firstServerIp(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (!address.internal && address.family === 'IPv4') return address.address;
  }
  return '127.0.0.1';
}
