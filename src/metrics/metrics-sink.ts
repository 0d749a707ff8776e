import { methodOf, NOT_DENIALS, PUSH_OUTCOMES } from '../audit/build-report.js';
import type { AuditEvent, AuditSink } from '../audit/types.js';
import type { GatehouseMetrics } from './gatehouse-metrics.js';

/** Sign-ins followed at once on one node; past this the oldest is forgotten (its method then reads `password`). */
const TRACKED = 10_000;

/**
 * Moves the counters from the audit trail, so that metrics and reports count the same things and no sign-in step
 * needs to know about Prometheus. The method of an issued sign-in is gathered from its earlier events on this
 * node (SSO re-use, MFA methods), as the report does from the files.
 */
export function createMetricsSink(metrics: GatehouseMetrics): AuditSink {
  const transactions = new Map<string, { sso: boolean; mfa: string[] }>();
  const follow = (event: AuditEvent) => {
    const id = event.transactionId;
    if (!id) return undefined;
    let tx = transactions.get(id);
    if (!tx) {
      if (transactions.size >= TRACKED) transactions.delete(transactions.keys().next().value!);
      transactions.set(id, (tx = { sso: false, mfa: [] }));
    }
    return tx;
  };
  return {
    write(event) {
      const [noun = 'unknown', verb = ''] = event.event.split('.');
      const rp = event.rp ?? 'none';
      metrics.events.inc({ event: event.event, result: event.result });
      const tx = noun === 'lockout' ? undefined : follow(event);
      if (tx && event.event === 'signin.started' && event.authMode === 'sso') tx.sso = true;
      if (tx && event.event === 'mfa.completed' && event.authMode) tx.mfa.push(event.authMode);
      if (event.event === 'signin.completed') {
        metrics.signins.inc({ result: 'success', method: methodOf({ ...(tx ?? { sso: false, mfa: [] }), ...(event.authMode ? { primary: event.authMode } : {}) }), rp });
        transactions.delete(event.transactionId ?? '');
      } else if (tx && event.result === 'failure' && !NOT_DENIALS.has(noun)) {
        metrics.signins.inc({ result: 'failure', method: event.authMode ?? noun, rp });
        metrics.denials.inc({ step: noun, reason: event.reason ?? 'unknown' });
      }
      if (noun === 'push' && (PUSH_OUTCOMES as readonly string[]).includes(verb)) metrics.push.inc({ outcome: verb });
      if (event.event === 'lockout.triggered') {
        const logOnly = event.reason?.endsWith('_log_only') ?? false;
        metrics.lockouts.inc({ scope: (event.reason ?? 'unknown').replace(/_log_only$/, ''), mode: logOnly ? 'logOnly' : 'enforce' });
      }
      if (event.event === 'access.decided') {
        if (event.result === 'failure') {
          if (event.reason === 'policy_block') metrics.decisions.inc({ decision: 'block' });
        } else metrics.decisions.inc({ decision: event.reason?.startsWith('requires') ? 'require' : 'allow' });
      }
    },
  };
}
