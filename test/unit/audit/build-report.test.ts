import assert from 'node:assert/strict';
import { buildReport, formatCsv, formatTable, parseSince, type AuditEvent } from '../../../src/audit/index.js';

const T0 = Date.UTC(2030, 0, 1, 12);
let n = 0;
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
function event(input: Partial<AuditEvent> & Pick<AuditEvent, 'event' | 'result'>): AuditEvent {
  return { time: at(n++), serverName: 'node1', serverIp: '10.0.0.1', ...input };
}
const tx = (id: string, rp: string, steps: Array<[string, AuditEvent['result'], string?, string?]>) =>
  steps.map(([name, result, authMode, reason]) => event({ event: name, result, transactionId: id, rp, uniqueId: 'alice', ...(authMode ? { authMode } : {}), ...(reason ? { reason } : {}) }));

describe('the usage report', () => {
  const events = [
    ...tx('t1', 'wiki', [['signin.started', 'info', 'password'], ['password.checked', 'failure', 'password', 'invalid'], ['password.checked', 'success', 'password'], ['access.decided', 'success', 'password'], ['signin.completed', 'success', 'password', 'pwd']]),
    ...tx('t2', 'wiki', [['signin.started', 'info', 'password'], ['password.checked', 'success', 'password'], ['access.decided', 'success', 'password', 'requires mfa'], ['mfa.started', 'pending', 'totp'], ['mfa.completed', 'success', 'totp'], ['access.decided', 'success', 'password'], ['signin.completed', 'success', 'password', 'pwd otp mfa']]),
    ...tx('t3', 'crm', [['signin.started', 'info', 'sso'], ['access.decided', 'success', 'password'], ['signin.completed', 'success', 'password', 'pwd']]),
    ...tx('t4', 'crm', [['signin.started', 'info', 'password'], ['password.checked', 'success', 'password'], ['access.decided', 'failure', 'password', 'policy_block']]),
    ...tx('t5', 'crm', [['signin.started', 'info', 'password']]),
    ...tx('t6', 'm365', [['signin.started', 'info', 'password'], ['passwordless.offered', 'pending', 'passwordless'], ['push.approved', 'success', 'passwordless'], ['passwordless.completed', 'success', 'passwordless'], ['access.decided', 'success', 'passwordless'], ['signin.completed', 'success', 'passwordless', 'swk pin mfa']]),
    ...tx('t7', 'wiki', [['password.checked', 'failure', 'password', 'invalid'], ['lockout.triggered', 'failure', 'password', 'unfamiliar'], ['password.checked', 'failure', 'password', 'locked_out']]),
    event({ event: 'lockout.triggered', result: 'info', uniqueId: 'bob', reason: 'familiar_log_only' }),
    event({ event: 'push.fraud', result: 'failure', uniqueId: 'bob' }),
    event({ event: 'push.unanswered', result: 'failure', uniqueId: 'bob' }),
    event({ event: 'push.cancelled', result: 'info', uniqueId: 'bob' }),
    event({ event: 'admin.user.unlocked', result: 'success', uniqueId: 'alice', actor: 'root' }),
    event({ event: 'method.enrolled', result: 'success', uniqueId: 'alice', rp: 'portal' }),
  ];

  it('counts a transaction once, by how it ended, and the method it used', async () => {
    const report = await buildReport(events, { since: T0, until: T0 + 86_400_000 });
    assert.deepEqual(report.signins.byResult, { success: 4, failure: 2, incomplete: 1 });
    assert.deepEqual(report.signins.byMethod, { password: 1, 'password+totp': 1, sso: 1, passwordless: 1 });
    assert.deepEqual(report.signins.byRp, { wiki: { success: 2, failure: 1, incomplete: 0 }, crm: { success: 1, failure: 1, incomplete: 1 }, m365: { success: 1, failure: 0, incomplete: 0 } });
    assert.equal(report.events, events.length);
  });

  it('counts every refused step as a denial, by step and reason, and never a lockout event itself', async () => {
    const report = await buildReport(events, { since: T0, until: T0 + 86_400_000 });
    assert.deepEqual(report.denials, { total: 4, byReason: { 'password:invalid': 2, 'access:policy_block': 1, 'password:locked_out': 1 } });
  });

  it('counts push outcomes, lockouts per user (log-only apart), policy decisions and admin actions', async () => {
    const report = await buildReport(events, { since: T0, until: T0 + 86_400_000 });
    assert.deepEqual(report.push, { approved: 1, denied: 0, unanswered: 1, fraud: 1 });
    assert.deepEqual([report.lockouts.triggered, report.lockouts.logOnly], [1, 1]);
    assert.deepEqual(report.lockouts.users.map((u) => [u.user, u.count, u.scopes, u.logOnly]), [['alice', 1, ['unfamiliar'], false], ['bob', 1, ['familiar'], true]]);
    assert.deepEqual(report.policy, { allow: 4, require: 1, block: 1 });
    assert.deepEqual(report.admin.actions, { 'admin.user.unlocked': 1 });
  });

  it('writes CSV a spreadsheet reads as text, and a table a terminal shows', async () => {
    const report = await buildReport([event({ event: 'signin.started', result: 'info', transactionId: 'x', rp: '=HYPERLINK("evil"),wiki' })], { since: T0, until: T0 + 1 });
    const csv = formatCsv(report);
    assert.ok(csv.split('\n').includes(`signins.rp.incomplete,"'=HYPERLINK(""evil""),wiki",1`), csv);
    assert.match(formatTable(report), /Sign-ins: 1 \(success 0, failure 0, incomplete 1\)/);
  });

  it('reads --since as a duration back from now, a date at midnight UTC, or an ISO time', () => {
    const now = Date.UTC(2030, 5, 15, 10);
    assert.equal(parseSince('7d', now), now - 7 * 86_400_000);
    assert.equal(parseSince('24h', now), now - 86_400_000);
    assert.equal(parseSince('2030-01-31', now), Date.UTC(2030, 0, 31));
    assert.equal(parseSince('2030-01-31T08:00:00+01:00', now), Date.UTC(2030, 0, 31, 7));
    for (const bad of ['yesterday', '2030-13-45', '7 days', '', '2030-01-31T99']) assert.equal(parseSince(bad, now), undefined, bad);
  });
});
