import type { SyncReport } from '../directory/sync/index.js';
import type { CliIo } from './types.js';

const VERB: Record<string, string> = { add: 'add', update: 'update', disable: 'disable', enable: 'enable', restore: 'restore', remove: 'remove', purge: 'purge MFA of' };

/** Changes listed by a run that made them; a dry run lists all (and --json gives all either way). */
const LISTED = 200;

/** One line per change, then the counts. */
export function printSyncReport(report: SyncReport, io: CliIo, json: boolean): void {
  if (json) return io.out(JSON.stringify(report, null, 2));
  const would = report.dryRun ? 'would ' : '';
  const shown = report.dryRun ? report.changes : report.changes.slice(0, LISTED);
  if (shown.length < report.changes.length) io.out(`(the first ${LISTED} of ${report.changes.length} changes; --json lists all)`);
  for (const change of shown) {
    const detail = change.detail?.length ? ` (${change.detail.join(', ')})` : '';
    io.out(`${would}${VERB[change.kind]} ${change.login}${detail}`);
  }
  const counts = Object.entries(report.counts).filter(([, n]) => n > 0).map(([kind, n]) => `${kind} ${n}`);
  io.out(`${report.dryRun ? 'dry run: nothing changed; ' : ''}${report.mode} of ${report.scope}: ${counts.join(', ') || 'nothing to do'} (${report.durationMs} ms)`);
}
