import type { MatrixRun } from '../common/matrix-results.js';
import { fixed } from '../signin/text-table.js';

const CONTENDER_NAMES: Record<MatrixRun['contender'], string> = { gatehouse: 'Gatehouse', 'bare-oidc-provider': 'bare oidc-provider', 'lemonldap-ng': 'LemonLDAP::NG 2.16' };
const PATH_NAMES: Record<MatrixRun['path'], string> = { password: 'OIDC, password', totp: 'OIDC, password + TOTP', push: 'OIDC, password + push', passwordless: 'OIDC, passwordless push', saml: 'SAML POST, password' };

/**
 * The README's short table, as Markdown: per contender and path, the best throughput over the sweep and, at that
 * concurrency, p50/p99 and CPU per sign-in, for one directory and store.
 */
export function summaryTable(runs: readonly MatrixRun[], setup: Pick<MatrixRun, 'directory' | 'store'>): string {
  const rows: string[] = [];
  for (const contender of Object.keys(CONTENDER_NAMES) as Array<MatrixRun['contender']>) {
    for (const path of Object.keys(PATH_NAMES) as Array<MatrixRun['path']>) {
      const series = runs.filter((r) => r.contender === contender && r.path === path && r.directory === setup.directory && r.store === setup.store);
      const best = series.reduce<MatrixRun | undefined>((top, r) => (!top || r.signinsPerSecond > top.signinsPerSecond ? r : top), undefined);
      if (!best) continue;
      rows.push(`| ${CONTENDER_NAMES[contender]} | ${PATH_NAMES[path]} | ${fixed(best.signinsPerSecond)} | ${best.concurrency} | ${fixed(best.latencyMs.p50, 0)} | ${fixed(best.latencyMs.p99, 0)} | ${fixed(best.cpuMsPerSignin)} | ${fixed(best.requestsPerSignin)} |`);
    }
  }
  return ['| Contender | Path | sign-ins/s (best) | at users | p50 ms | p99 ms | server CPU ms/sign-in | requests |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}
