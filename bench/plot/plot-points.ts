import type { DirectoryKind, StoreKind } from '../common/matrix-results.js';
import type { PlottedRun } from './plotted-run.js';
import { seriesLabel } from './series-style.js';

/** One run as the chart's data row. */
export interface PlotPoint {
  /** The legend entry: contender and path. */
  series: string;
  /** One line per series and store within a panel. */
  line: string;
  directory: string;
  store: StoreKind;
  concurrency: number;
  /** null when not measured, so the chart leaves the point out rather than drawing it at zero. */
  signinsPerSecond: number | null;
  /** null unless positive: a log axis has no place for zero, and a run with no sign-ins has no percentile. */
  p99Ms: number | null;
}

const DIRECTORY_LABELS: Record<DirectoryKind, string> = { embedded: 'embedded directory', ldap: 'LDAP directory' };
/** Column order: the embedded directory first, as the baseline setup. */
export const DIRECTORY_COLUMNS: readonly string[] = [DIRECTORY_LABELS.embedded, DIRECTORY_LABELS.ldap];

export function plotPoints(runs: readonly PlottedRun[]): PlotPoint[] {
  return runs.map((run) => {
    const series = seriesLabel(run);
    const p99 = run.latencyMs.p99;
    return {
      series,
      line: `${series} · ${run.store}`,
      directory: DIRECTORY_LABELS[run.directory],
      store: run.store,
      concurrency: run.concurrency,
      signinsPerSecond: Number.isFinite(run.signinsPerSecond) ? run.signinsPerSecond : null,
      p99Ms: Number.isFinite(p99) && p99 > 0 ? p99 : null,
    };
  });
}

/** The concurrencies measured, ascending: the x axis ticks exactly these. */
export function concurrencies(points: readonly PlotPoint[]): number[] {
  return [...new Set(points.map((point) => point.concurrency))].sort((a, b) => a - b);
}
