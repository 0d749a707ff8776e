import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { PUSH_OUTCOMES } from '../audit/build-report.js';

/** Seconds: from a fast embedded-directory check to a slow LDAP bind over a WAN. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What reports whether a part Gatehouse depends on answers (Store.ping, Directory.ping). */
export interface HealthProbes {
  store: () => Promise<void>;
  directory: () => Promise<void>;
}

/**
 * Gatehouse's Prometheus metrics (docs/operations-admin.md lists them), in a registry of its own: two Gatehouses
 * in one process (tests, an embedding app) never share counters. Process metrics live apart (processRegistry).
 */
export function createGatehouseMetrics(probes: HealthProbes, options: { probeTimeoutMs?: number } = {}) {
  const registry = new Registry();
  const timeout = options.probeTimeoutMs ?? 2000;
  const registers = [registry];
  const metrics = {
    registry,
    signins: new Counter({
      name: 'gatehouse_signins_total',
      help: 'Sign-ins issued (result="success", method = primary method and MFA methods) and sign-in steps refused (result="failure", method = the refused step\'s method), per relying party',
      labelNames: ['result', 'method', 'rp'] as const,
      registers,
    }),
    denials: new Counter({ name: 'gatehouse_signin_denials_total', help: 'Refused sign-in steps by step and reason', labelNames: ['step', 'reason'] as const, registers }),
    stepDuration: new Histogram({
      name: 'gatehouse_signin_step_duration_seconds',
      help: 'Time to answer each sign-in step (start, identify, password, mfa, page, issue), including directory and store calls',
      labelNames: ['step'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    push: new Counter({ name: 'gatehouse_push_outcomes_total', help: 'Push (mobile app) outcomes: approved, denied, unanswered, fraud', labelNames: ['outcome'] as const, registers }),
    lockouts: new Counter({ name: 'gatehouse_lockouts_total', help: 'Smart lockouts triggered, by kind of place (familiar, unfamiliar) and mode (enforce, logOnly)', labelNames: ['scope', 'mode'] as const, registers }),
    decisions: new Counter({ name: 'gatehouse_policy_decisions_total', help: 'Conditional-access decisions: allow, require (more is needed, e.g. MFA), block', labelNames: ['decision'] as const, registers }),
    events: new Counter({ name: 'gatehouse_audit_events_total', help: 'Audit events recorded, by event and result', labelNames: ['event', 'result'] as const, registers }),
    directoryDuration: new Histogram({
      name: 'gatehouse_directory_request_duration_seconds',
      help: 'Directory calls (verifyPassword, findUser, getUser) by outcome (ok, error)',
      labelNames: ['operation', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
  // Series that exist from the start, so a rate() over them never begins with a gap.
  for (const outcome of PUSH_OUTCOMES) metrics.push.inc({ outcome }, 0);
  for (const decision of ['allow', 'require', 'block']) metrics.decisions.inc({ decision }, 0);
  for (const scope of ['familiar', 'unfamiliar']) for (const mode of ['enforce', 'logOnly']) metrics.lockouts.inc({ scope, mode }, 0);
  for (const [name, probe] of Object.entries(probes) as Array<[keyof HealthProbes, () => Promise<void>]>) {
    // The registry collects every metric at once: `up` (registered first) starts the ping, `ping_seconds` waits for it.
    let ping: Promise<{ up: boolean; seconds: number }> = Promise.resolve({ up: false, seconds: 0 });
    new Gauge({
      name: `gatehouse_${name}_up`,
      help: `1 when the ${name} answered a ping at this scrape (within ${timeout} ms), else 0`,
      registers,
      async collect() {
        const started = performance.now();
        ping = answers(probe, timeout).then((up) => ({ up, seconds: (performance.now() - started) / 1000 }));
        this.set((await ping).up ? 1 : 0);
      },
    });
    new Gauge({
      name: `gatehouse_${name}_ping_seconds`,
      help: `How long the ${name} took to answer the ping of this scrape`,
      registers,
      async collect() {
        this.set((await ping).seconds);
      },
    });
  }
  return metrics;
}

export type GatehouseMetrics = ReturnType<typeof createGatehouseMetrics>;

async function answers(probe: () => Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
