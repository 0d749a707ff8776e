import { parse, View, Warn } from 'vega';
import { compile } from 'vega-lite';
import type { PlottedRun } from './plotted-run.js';
import { plotPoints } from './plot-points.js';
import { plotSpec } from './plot-spec.js';
import { seriesScales } from './series-style.js';

export interface PlotOptions {
  title?: string;
}

const DEFAULT_TITLE = 'Sign-ins: throughput and p99 latency against concurrency';

/**
 * The benchmark matrix as one SVG figure: throughput and p99 latency against concurrency, a column per
 * directory kind, a line per (contender, path, store). Async because Vega renders through its dataflow.
 */
export async function plotSvg(runs: readonly PlottedRun[], options: PlotOptions = {}): Promise<string> {
  const points = plotPoints(runs);
  const spec = plotSpec(points, seriesScales(runs), options.title ?? DEFAULT_TITLE);
  // renderer 'none': no canvas, no DOM; toSVG draws the scenegraph to a string on its own.
  const view = new View(parse(compile(spec).spec), { renderer: 'none', logLevel: Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
