import type { TopLevelSpec } from 'vega-lite';
import { logTicks } from './log-ticks.js';
import { concurrencies, DIRECTORY_COLUMNS, type PlotPoint } from './plot-points.js';
import type { SeriesScales } from './series-style.js';

const PANEL_WIDTH = 330;
const PANEL_HEIGHT = 230;

/** One row of panels: a measure against concurrency. */
interface MetricRow {
  field: 'signinsPerSecond' | 'p99Ms';
  title: string;
  scale: 'linear' | 'log';
  /**
   * Throughput differs by an order of magnitude or more between the directories (scrypt vs an LDAP bind), so each column gets its own
   * axis; latency shares one log axis, where the gap itself is worth seeing.
   */
  yPerColumn: boolean;
  /** Only the top row names the columns. */
  columnHeaders: boolean;
}

const ROWS: readonly MetricRow[] = [
  { field: 'signinsPerSecond', title: 'sign-ins/s', scale: 'linear', yPerColumn: true, columnHeaders: true },
  { field: 'p99Ms', title: 'p99 latency, ms (log)', scale: 'log', yPerColumn: false, columnHeaders: false },
];

/**
 * The figure as a Vega-Lite spec: rows throughput and p99 latency, one column per directory kind, concurrency on
 * a log2 axis; colour and marker for contender and path (one legend), dashes for the store.
 */
export function plotSpec(points: readonly PlotPoint[], scales: SeriesScales, title: string): TopLevelSpec {
  const ticks = concurrencies(points);
  // Half a step of room either side so end points are not on the frame; a single concurrency still gets a width.
  const xDomain = ticks.length > 0 ? [ticks[0]! / 1.5, ticks.at(-1)! * 1.5] : [1, 2];
  const x = {
    field: 'concurrency',
    type: 'quantitative',
    title: 'concurrency (virtual users)',
    scale: { type: 'log', base: 2, domain: xDomain, nice: false },
    axis: { values: ticks, format: 'd', grid: true },
  } as const;
  const colour = {
    field: 'series',
    type: 'nominal',
    title: 'contender · path',
    scale: { domain: scales.series.domain, range: scales.series.colours },
    legend: { orient: 'right' },
  } as const;
  const shape = { field: 'series', type: 'nominal', scale: { domain: scales.series.domain, range: scales.series.shapes } } as const;
  const dash = {
    field: 'store',
    type: 'nominal',
    title: 'store',
    scale: { domain: scales.store.domain, range: scales.store.dashes },
    // Long enough to show the dash pattern, which is all this legend says.
    legend: { symbolSize: 500, symbolStrokeWidth: 2 },
  } as const;
  const y = (metric: MetricRow) => {
    const common = { field: metric.field, type: 'quantitative', title: metric.title } as const;
    if (metric.scale === 'linear') return { ...common, scale: { type: 'linear', zero: true }, axis: { grid: true } } as const;
    // Vega's own log ticks label 1-2-3-...-9 of each decade over several decades; 1-2-5 reads better.
    const values = points.map((point) => point[metric.field]).filter((value): value is number => value !== null);
    const ticks = logTicks(Math.min(...values), Math.max(...values));
    const domain = ticks.length > 0 ? { domain: [ticks[0]!, ticks.at(-1)!] } : {};
    return { ...common, scale: { type: 'log', nice: false, ...domain }, axis: { grid: true, values: ticks, format: ',d' } } as const;
  };

  const row = (metric: MetricRow) => ({
    facet: {
      column: {
        field: 'directory',
        type: 'nominal' as const,
        sort: [...DIRECTORY_COLUMNS],
        title: null,
        header: metric.columnHeaders ? ({ labelFontSize: 13, labelFontWeight: 'bold' } as const) : { labels: false },
      },
    },
    spec: {
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      encoding: { x, y: y(metric) },
      layer: [
        { mark: { type: 'line', strokeWidth: 1.6, opacity: 0.9 }, encoding: { color: colour, strokeDash: dash, detail: { field: 'line', type: 'nominal' } } } as const,
        { mark: { type: 'point', filled: true, size: 55, opacity: 1 }, encoding: { color: colour, shape } } as const,
      ],
    },
    resolve: { scale: { y: metric.yPerColumn ? ('independent' as const) : ('shared' as const) } },
  });

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, fontSize: 15, anchor: 'start' },
    background: 'white',
    padding: 12,
    // Copies: Vega tags the objects it is given with its own ids.
    data: { values: points.map((point) => ({ ...point })) },
    vconcat: ROWS.map(row),
    spacing: 18,
    config: {
      font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
      axis: { gridColor: '#e6e6e6', labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
      legend: { labelFontSize: 11, titleFontSize: 12, symbolSize: 70, symbolStrokeWidth: 1.6, labelLimit: 260 },
      view: { stroke: '#bbbbbb' },
    },
  };
}
