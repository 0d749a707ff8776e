import { auditFilesFor, readAuditEvents, type ReadSummary } from './read-audit-files.js';
import { buildReport, type UsageReport } from './build-report.js';

/** The report over the audit files of `sinks` (each with its rotated copies) for [since, until). */
export async function reportFromFiles(sinkFiles: string[], period: { since: number; until: number }): Promise<{ report: UsageReport; summary: ReadSummary }> {
  const files = (await Promise.all(sinkFiles.map((file) => auditFilesFor(file, period.since)))).flat();
  const summary: ReadSummary = { files: [], badLines: 0 };
  const report = await buildReport(readAuditEvents(files, period, summary), period);
  return { report, summary };
}
