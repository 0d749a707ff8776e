import type { ContenderKind, SigninPath, StoreKind } from '../common/matrix-results.js';
import type { PlottedRun } from './plotted-run.js';

/** Gatehouse's paths in the order the legend lists them, each a colour of its own (Tableau 10, colour-blind tolerable). */
const PATH_COLOURS: Record<SigninPath, string> = { password: '#1f77b4', totp: '#ff7f0e', push: '#2ca02c', passwordless: '#9467bd', saml: '#d62728' };
/** The baselines are drawn in darks and earths no Gatehouse path uses, so they read as references, not contenders. */
const BASELINE_COLOURS = ['#222222', '#8c564b', '#7f7f7f', '#bcbd22', '#17becf', '#e377c2'];
const CONTENDER_LABELS: Record<ContenderKind, string> = { gatehouse: 'Gatehouse', 'bare-oidc-provider': 'bare oidc-provider', 'lemonldap-ng': 'LemonLDAP::NG' };
const CONTENDER_SHAPES: Record<ContenderKind, string> = { gatehouse: 'circle', 'bare-oidc-provider': 'square', 'lemonldap-ng': 'triangle-up' };
const CONTENDER_ORDER: readonly ContenderKind[] = ['gatehouse', 'bare-oidc-provider', 'lemonldap-ng'];
const PATH_ORDER = Object.keys(PATH_COLOURS) as SigninPath[];
const STORE_DASHES: Record<StoreKind, number[]> = { embedded: [1, 0], redis: [6, 4] };
const STORE_ORDER: readonly StoreKind[] = ['embedded', 'redis'];

/** What a (contender, path) pair is called in the legend; colour and marker are keyed by it. */
export function seriesLabel(run: Pick<PlottedRun, 'contender' | 'path'>): string {
  return `${CONTENDER_LABELS[run.contender]} · ${run.path}`;
}

/** Domains and ranges for the figure's scales, for the series present only, so missing groups leave no legend entries. */
export interface SeriesScales {
  series: { domain: string[]; colours: string[]; shapes: string[] };
  store: { domain: StoreKind[]; dashes: number[][] };
}

export function seriesScales(runs: readonly PlottedRun[]): SeriesScales {
  const present = new Set(runs.map(seriesLabel));
  const domain: string[] = [];
  const colours: string[] = [];
  const shapes: string[] = [];
  let baselines = 0;
  for (const contender of CONTENDER_ORDER) {
    for (const path of PATH_ORDER) {
      const label = seriesLabel({ contender, path });
      if (!present.has(label)) continue;
      domain.push(label);
      colours.push(contender === 'gatehouse' ? PATH_COLOURS[path] : BASELINE_COLOURS[baselines++ % BASELINE_COLOURS.length]!);
      shapes.push(CONTENDER_SHAPES[contender]);
    }
  }
  const stores = STORE_ORDER.filter((store) => runs.some((run) => run.store === store));
  return { series: { domain, colours, shapes }, store: { domain: stores, dashes: stores.map((store) => STORE_DASHES[store]) } };
}
