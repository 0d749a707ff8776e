import type { UsageReport } from './build-report.js';

/** One row per number: `metric,key,count`, for a spreadsheet. */
export function reportRows(report: UsageReport): Array<[string, string, number]> {
  const rows: Array<[string, string, number]> = [['signins.total', '', report.signins.total]];
  const add = (metric: string, counts: Record<string, number>) => {
    for (const [key, count] of sorted(counts)) rows.push([metric, key, count]);
  };
  add('signins.result', report.signins.byResult);
  add('signins.method', report.signins.byMethod);
  for (const [rp, counts] of Object.entries(report.signins.byRp).sort(([a], [b]) => a.localeCompare(b))) {
    for (const [result, count] of Object.entries(counts)) rows.push([`signins.rp.${result}`, rp, count]);
  }
  rows.push(['denials.total', '', report.denials.total]);
  add('denials.reason', report.denials.byReason);
  add('push.outcome', report.push);
  rows.push(['lockouts.triggered', '', report.lockouts.triggered], ['lockouts.logOnly', '', report.lockouts.logOnly]);
  for (const user of report.lockouts.users) rows.push([user.logOnly ? 'lockouts.user.logOnly' : 'lockouts.user', user.user, user.count]);
  add('policy.decision', report.policy);
  add('admin.action', report.admin.actions);
  return rows;
}

export function formatCsv(report: UsageReport): string {
  const lines = [['metric', 'key', 'count'], ...reportRows(report)].map((row) => row.map((cell) => csvCell(String(cell))).join(','));
  return lines.join('\n');
}

export function formatJson(report: UsageReport): string {
  return JSON.stringify(report, null, 2);
}

/** A plain-text report for a terminal. */
export function formatTable(report: UsageReport): string {
  const { signins } = report;
  const out = [
    `Gatehouse usage report from ${report.since} to ${report.until} (${report.events} events)`,
    '',
    `Sign-ins: ${signins.total} (success ${signins.byResult.success}, failure ${signins.byResult.failure}, incomplete ${signins.byResult.incomplete})`,
  ];
  const section = (title: string, header: string[], rows: Array<Array<string | number>>) => {
    out.push('', title);
    if (rows.length === 0) return void out.push('  (none)');
    const table = [header, ...rows.map((row) => row.map(String))];
    const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const row of table) out.push(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`.trimEnd());
  };
  section('Sign-ins by method', ['method', 'count'], sorted(signins.byMethod));
  section(
    'Sign-ins by relying party',
    ['rp', 'success', 'failure', 'incomplete'],
    Object.entries(signins.byRp).sort(([a], [b]) => a.localeCompare(b)).map(([rp, r]) => [rp, r.success, r.failure, r.incomplete]),
  );
  section(`Denials by reason (${report.denials.total})`, ['reason', 'count'], sorted(report.denials.byReason));
  section('Push outcomes', ['outcome', 'count'], Object.entries(report.push));
  section(
    `Users locked out (${report.lockouts.triggered} lockouts, ${report.lockouts.logOnly} in log-only mode)`,
    ['user', 'lockouts', 'where', 'last'],
    report.lockouts.users.map((u) => [u.logOnly ? `${u.user} (log only)` : u.user, u.count, u.scopes.join(','), u.last]),
  );
  section('Policy decisions', ['decision', 'count'], Object.entries(report.policy));
  section('Admin actions', ['action', 'count'], sorted(report.admin.actions));
  return out.join('\n');
}

function sorted(counts: Record<string, number>): Array<[string, number]> {
  return Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

function csvCell(value: string): string {
  // A leading =, +, - or @ would be run as a formula by a spreadsheet; a quote-prefixed cell is shown as text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
