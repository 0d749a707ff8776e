import assert from 'node:assert/strict';
import type { AuditEvent } from '../../../src/audit/index.js';
import type { Directory, DirectoryUser } from '../../../src/directory/types.js';
import { createGatehouseMetrics, createMetricsSink, instrumentDirectory, type GatehouseMetrics } from '../../../src/metrics/index.js';

const event = (input: Partial<AuditEvent> & Pick<AuditEvent, 'event' | 'result'>): AuditEvent => ({ time: new Date().toISOString(), serverName: 'n', serverIp: '10.0.0.1', rp: 'wiki', ...input });

async function series(metrics: GatehouseMetrics, name: string): Promise<Array<{ labels: Record<string, string | number>; value: number }>> {
  const metric = metrics.registry.getSingleMetric(name);
  assert.ok(metric, name);
  return (await metric.get()).values.map(({ labels, value }) => ({ labels: labels as Record<string, string | number>, value }));
}

describe('metrics from the audit trail', () => {
  let metrics: GatehouseMetrics;
  beforeEach(() => {
    metrics = createGatehouseMetrics({ store: async () => {}, directory: async () => {} });
  });

  it('labels an issued sign-in with the methods its transaction used', async () => {
    const sink = createMetricsSink(metrics);
    for (const e of [
      event({ event: 'signin.started', result: 'info', transactionId: 'a', authMode: 'password' }),
      event({ event: 'mfa.completed', result: 'success', transactionId: 'a', authMode: 'totp' }),
      event({ event: 'signin.completed', result: 'success', transactionId: 'a', authMode: 'password' }),
      event({ event: 'signin.started', result: 'info', transactionId: 'b', authMode: 'sso' }),
      event({ event: 'signin.completed', result: 'success', transactionId: 'b', authMode: 'password' }),
      event({ event: 'signin.completed', result: 'success', transactionId: 'c', authMode: 'passwordless', rp: 'crm' }),
    ]) sink.write(e);
    const signins = (await series(metrics, 'gatehouse_signins_total')).map((s) => `${s.labels.result} ${s.labels.method} ${s.labels.rp} ${s.value}`);
    assert.deepEqual(signins.sort(), ['success password+totp wiki 1', 'success passwordless crm 1', 'success sso wiki 1']);
  });

  it('counts each refused step as a failure and a denial, but not lockout events or events outside a sign-in', async () => {
    const sink = createMetricsSink(metrics);
    sink.write(event({ event: 'password.checked', result: 'failure', transactionId: 'a', authMode: 'password', reason: 'invalid' }));
    sink.write(event({ event: 'lockout.triggered', result: 'failure', transactionId: 'a', authMode: 'password', reason: 'unfamiliar' }));
    sink.write(event({ event: 'mfa.failed', result: 'failure', transactionId: 'a', authMode: 'totp', reason: 'replayed' }));
    sink.write(event({ event: 'method.enrolled', result: 'failure', authMode: 'totp', rp: 'portal' }));
    assert.deepEqual((await series(metrics, 'gatehouse_signins_total')).map((s) => `${s.labels.method} ${s.value}`).sort(), ['password 1', 'totp 1']);
    assert.deepEqual((await series(metrics, 'gatehouse_signin_denials_total')).map((s) => `${s.labels.step}:${s.labels.reason}`).sort(), ['mfa:replayed', 'password:invalid']);
    const lockouts = (await series(metrics, 'gatehouse_lockouts_total')).filter((s) => s.value > 0).map((s) => `${s.labels.scope} ${s.labels.mode}`);
    assert.deepEqual(lockouts, ['unfamiliar enforce']);
  });

  it('counts push outcomes and policy decisions by their names', async () => {
    const sink = createMetricsSink(metrics);
    for (const name of ['push.approved', 'push.fraud', 'push.sent', 'push.cancelled']) sink.write(event({ event: name, result: 'info' }));
    sink.write(event({ event: 'access.decided', result: 'success', transactionId: 'x', reason: 'requires mfa' }));
    sink.write(event({ event: 'access.decided', result: 'success', transactionId: 'x' }));
    sink.write(event({ event: 'access.decided', result: 'failure', transactionId: 'y', reason: 'policy_block' }));
    const push = Object.fromEntries((await series(metrics, 'gatehouse_push_outcomes_total')).map((s) => [s.labels.outcome, s.value]));
    assert.deepEqual(push, { approved: 1, denied: 0, unanswered: 0, fraud: 1 });
    const decisions = Object.fromEntries((await series(metrics, 'gatehouse_policy_decisions_total')).map((s) => [s.labels.decision, s.value]));
    assert.deepEqual(decisions, { allow: 1, require: 1, block: 1 });
  });

  it('times directory calls through a proxy that leaves everything else of the directory as it was', async () => {
    class FakeDirectory implements Directory {
      readonly type = 'fake';
      #secret = 'x';
      async findUser(): Promise<DirectoryUser | null> {
        return null;
      }
      async getUser(): Promise<DirectoryUser | null> {
        throw new Error('down');
      }
      async verifyPassword() {
        return { ok: false as const, reason: this.#secret === 'x' ? ('invalid' as const) : ('unavailable' as const) };
      }
      async ping() {}
      async close() {}
      extra() {
        return this.#secret;
      }
    }
    const directory = instrumentDirectory(new FakeDirectory(), metrics);
    assert.ok(directory instanceof FakeDirectory);
    assert.equal(directory.extra(), 'x', 'a method reading a private field still works');
    assert.deepEqual(await directory.verifyPassword(), { ok: false, reason: 'invalid' });
    await assert.rejects(directory.getUser(), /down/);
    const timed = (await series(metrics, 'gatehouse_directory_request_duration_seconds')).filter((s) => String(s.labels.le) === '+Inf').map((s) => `${s.labels.operation} ${s.labels.outcome} ${s.value}`);
    assert.deepEqual(timed.sort(), ['getUser error 1', 'verifyPassword ok 1']);
  });

  it('reports the store as down when its ping fails or takes too long', async () => {
    const down = createGatehouseMetrics({ store: () => new Promise(() => {}), directory: async () => Promise.reject(new Error('no')) }, { probeTimeoutMs: 50 });
    const text = await down.registry.metrics();
    assert.match(text, /^gatehouse_store_up 0$/m);
    assert.match(text, /^gatehouse_directory_up 0$/m);
    const seconds = Number(/^gatehouse_store_ping_seconds (\S+)$/m.exec(text)?.[1]);
    assert.ok(seconds >= 0.04, `the ping waited for its timeout (${seconds} s)`);
  });
});
