import { buildReport, reportFromFiles, type RecentEvents, type UsageReport } from '../audit/index.js';
import type { Clock } from '../clock/clock.js';

export const REPORT_PERIODS = { day: 86_400_000, week: 7 * 86_400_000 } as const;
export type ReportPeriod = keyof typeof REPORT_PERIODS;

/** A report and where its events came from: the audit files, or (without a file sink) the Store's recent events. */
export interface SourcedReport {
  report: UsageReport;
  source: 'files' | 'recent';
  files: string[];
}

const CACHE_MS = 60_000;

/**
 * The admin pages' reports for the last day and week: the same report `gatehouse report` builds, over this node's
 * audit files. Built at most once a minute per period (a week of files is a lot to read for each page view).
 */
export class AdminReports {
  readonly #cache = new Map<ReportPeriod, { at: number; value: Promise<SourcedReport> }>();

  constructor(
    private readonly files: string[],
    private readonly recent: RecentEvents | undefined,
    private readonly clock: Clock,
  ) {}

  get(period: ReportPeriod): Promise<SourcedReport> {
    const now = this.clock.now();
    const cached = this.#cache.get(period);
    if (cached && now - cached.at < CACHE_MS) return cached.value;
    const value = this.build(period, now);
    this.#cache.set(period, { at: now, value });
    value.catch(() => this.#cache.delete(period));
    return value;
  }

  /** Forgets cached reports (after an admin action, so the page shows it). */
  invalidate(): void {
    this.#cache.clear();
  }

  private async build(period: ReportPeriod, now: number): Promise<SourcedReport> {
    const range = { since: now - REPORT_PERIODS[period], until: now + 1 };
    if (this.files.length > 0) {
      const { report, summary } = await reportFromFiles(this.files, range);
      return { report, source: 'files', files: summary.files };
    }
    const events = (await this.recent?.list()) ?? [];
    const inRange = events.filter((e) => Date.parse(e.time) >= range.since).reverse();
    return { report: await buildReport(inRange, range), source: 'recent', files: [] };
  }
}
