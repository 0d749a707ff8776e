import type { MatrixRun, RateRun } from '../common/matrix-results.js';

/** One of issue #11's goals: what was measured against what was asked, and whether it holds. */
export interface GoalVerdict {
  goal: string;
  measured: string;
  met: boolean | null;
}

const find = (runs: MatrixRun[], match: Partial<MatrixRun>) => runs.filter((run) => Object.entries(match).every(([key, value]) => run[key as keyof MatrixRun] === value));
const serverCpu = (run: MatrixRun) => run.cpuMsPerSignin + run.directoryCpuMsPerSignin;
const best = (runs: MatrixRun[]) => runs.reduce<MatrixRun | undefined>((top, run) => (!top || run.signinsPerSecond > top.signinsPerSecond ? run : top), undefined);

/**
 * The goals, judged on the LDAP directory with the embedded store (where all three contenders meet on the same
 * slapd): password + TOTP at least 5x LemonLDAP::NG's best throughput; at most 1.5x the bare baseline's CPU per
 * sign-in (every concurrency, the worst counts); p99 under 50 ms open loop at half the best throughput; push
 * approval to page moving on, p99 under 100 ms (every push and passwordless window, the worst counts).
 */
export function judgeGoals(runs: MatrixRun[], rates: RateRun[]): GoalVerdict[] {
  const setup = { directory: 'ldap', store: 'embedded' } as const;
  const gatehouse = find(runs, { ...setup, contender: 'gatehouse', path: 'totp' });
  const bare = find(runs, { ...setup, contender: 'bare-oidc-provider', path: 'totp' });
  const peer = find(runs, { ...setup, contender: 'lemonldap-ng', path: 'totp' });
  const verdicts: GoalVerdict[] = [];

  const ours = best(gatehouse);
  const theirs = best(peer);
  verdicts.push(
    ours && theirs
      ? {
          goal: 'password + TOTP throughput >= 5x LemonLDAP::NG (best of each)',
          measured:
            `${ours.signinsPerSecond.toFixed(1)}/s vs ${theirs.signinsPerSecond.toFixed(1)}/s = ${(ours.signinsPerSecond / theirs.signinsPerSecond).toFixed(2)}x` +
            // With the load generator elsewhere, throughput would follow the servers' own CPU (slapd's included).
            `; by server + slapd CPU per sign-in ${serverCpu(ours).toFixed(1)} vs ${serverCpu(theirs).toFixed(1)} ms = ${(serverCpu(theirs) / serverCpu(ours)).toFixed(2)}x`,
          met: ours.signinsPerSecond >= 5 * theirs.signinsPerSecond,
        }
      : { goal: 'password + TOTP throughput >= 5x LemonLDAP::NG', measured: 'LemonLDAP::NG not in this run', met: null },
  );

  const ratios = gatehouse.flatMap((run) => {
    const baseline = bare.find((b) => b.concurrency === run.concurrency);
    return baseline ? [{ concurrency: run.concurrency, ratio: run.cpuMsPerSignin / baseline.cpuMsPerSignin }] : [];
  });
  const worst = ratios.reduce<(typeof ratios)[number] | undefined>((top, r) => (!top || r.ratio > top.ratio ? r : top), undefined);
  verdicts.push(
    worst
      ? { goal: 'password + TOTP CPU per sign-in <= 1.5x bare oidc-provider (worst concurrency)', measured: ratios.map((r) => `${r.concurrency} users ${r.ratio.toFixed(2)}x`).join(', '), met: worst.ratio <= 1.5 }
      : { goal: 'password + TOTP CPU per sign-in <= 1.5x bare oidc-provider', measured: 'no baseline runs', met: null },
  );

  const rate = rates.find((r) => r.contender === 'gatehouse' && r.path === 'totp' && r.directory === setup.directory && r.store === setup.store);
  verdicts.push(
    rate
      ? { goal: 'password + TOTP p99 < 50 ms at half the maximum throughput (open loop)', measured: `${rate.latencyMs.p99.toFixed(1)} ms at ${rate.ratePerSecond.toFixed(1)}/s`, met: rate.latencyMs.p99 < 50 }
      : { goal: 'password + TOTP p99 < 50 ms at half the maximum throughput', measured: 'not measured', met: null },
  );

  const approvals = find(runs, { ...setup, contender: 'gatehouse' }).filter((run) => run.approvalMs);
  const slowest = approvals.reduce<MatrixRun | undefined>((top, run) => (!top || run.approvalMs!.p99 > top.approvalMs!.p99 ? run : top), undefined);
  verdicts.push(
    slowest
      ? { goal: 'push approval to page moved on: p99 < 100 ms (worst window)', measured: approvals.map((r) => `${r.path} ${r.concurrency} users ${r.approvalMs!.p99.toFixed(0)} ms`).join(', '), met: slowest.approvalMs!.p99 < 100 }
      : { goal: 'push approval p99 < 100 ms', measured: 'no push runs', met: null },
  );
  return verdicts;
}
