/**
 * SAML SSO beside the OIDC code flow (issue #7): complete sign-ins against one Gatehouse, in the same run, taking
 * turns in windows (SAML, OIDC, OIDC, SAML, …) so the shared machine's noise falls on both alike.
 *   SAML: POST AuthnRequest -> sign-in pages -> auto-POST page with the Response (signed assertion).
 *   OIDC: authorize with PKCE -> sign-in pages -> code -> token endpoint (bench/signin's sign-in).
 * Server CPU per sign-in is read from /proc around each window. One Response is checked with node-saml first.
 * Run: node --import tsx bench/saml/run.ts [--concurrency 4] [--duration 20] [--rounds 4] [--warmup 5]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { startBenchChild } from '../signin/bench-child.js';
import { BENCH_USERS } from '../signin/bench-constants.js';
import { summarize } from '../signin/percentiles.js';
import { readProcStats } from '../signin/proc-stats.js';
import { RequestLog } from '../signin/request-log.js';
import { signIn as oidcSignIn } from '../signin/sign-in.js';
import { textTable } from '../signin/text-table.js';
import { BENCH_SP } from './bench-sp.js';
import { runWindow, type Flow, type FlowWindow } from './flow-load.js';
import { responseCostMs } from './response-cost.js';
import { samlSignIn } from './saml-sign-in.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? Number(args[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
  return value;
};
const concurrency = option('concurrency', 4);
const durationMs = option('duration', 20) * 1000;
const rounds = option('rounds', 4);
const warmupMs = option('warmup', 5) * 1000;

const FLOWS: Record<'saml' | 'oidc', { label: string; flow: Flow }> = {
  saml: { label: 'SAML SSO (HTTP-POST, signed assertion)', flow: samlSignIn },
  oidc: { label: 'OIDC code flow (PKCE, tokens redeemed)', flow: oidcSignIn },
};

const child = await startBenchChild('../saml/server.ts', []);
if (child.first.type !== 'ready') throw new Error('the Gatehouse bench server did not start');
const url = child.first.url;
try {
  await checkOneResponse(url);
  console.log(`SAML vs OIDC sign-ins: ${concurrency} virtual users, ${durationMs / 1000} s per flow in ${rounds} windows, ${warmupMs / 1000} s warm-up each\n`);
  for (const id of ['saml', 'oidc'] as const) await runWindow(url, FLOWS[id].flow, concurrency, warmupMs);

  const totals = { saml: empty(), oidc: empty() };
  for (let round = 0; round < rounds; round++) {
    for (const id of round % 2 === 0 ? (['saml', 'oidc'] as const) : (['oidc', 'saml'] as const)) {
      const cpuBefore = readProcStats(child.pid).cpuSeconds;
      const window = await runWindow(url, FLOWS[id].flow, concurrency, durationMs / rounds);
      add(totals[id], window, readProcStats(child.pid).cpuSeconds - cpuBefore);
    }
  }
  const rows = (['saml', 'oidc'] as const).map((id) => {
    const total = totals[id];
    const latency = summarize(total.latenciesMs);
    return {
      id,
      label: FLOWS[id].label,
      signinsPerSecond: total.signins / total.seconds,
      p50Ms: latency.p50,
      p95Ms: latency.p95,
      serverCpuMsPerSignin: (total.serverCpuSeconds * 1000) / total.signins,
      requestsPerSignin: total.requests.total() / total.signins,
      signins: total.signins,
      errors: total.errors,
      errorSamples: total.errorSamples,
    };
  });
  console.log(
    textTable(
      ['flow', 'sign-ins/s', 'p50 ms', 'p95 ms', 'server CPU ms/sign-in', 'requests/sign-in', 'sign-ins', 'errors'],
      rows.map((r) => [r.label, r.signinsPerSecond.toFixed(1), r.p50Ms.toFixed(0), r.p95Ms.toFixed(0), r.serverCpuMsPerSignin.toFixed(1), r.requestsPerSignin.toFixed(1), String(r.signins), String(r.errors)]),
    ),
  );
  for (const row of rows) if (row.errors) console.log(`  ${row.id}: ${row.errorSamples.join(' | ')}`);
  const saml = rows[0]!;
  const oidc = rows[1]!;
  console.log(`\nSAML / OIDC: ${(saml.signinsPerSecond / oidc.signinsPerSecond).toFixed(2)}× the sign-ins per second, ${(saml.serverCpuMsPerSignin / oidc.serverCpuMsPerSignin).toFixed(2)}× the server CPU per sign-in`);
  console.log('Both flows pay the same scrypt password check (OWASP minimum), which dominates the cost of each sign-in.');
  const cost = await responseCostMs();
  console.log(`Building and signing the Response alone (this process): ${cost.signedAssertion.toFixed(2)} ms with the assertion signed, ${cost.signedBoth.toFixed(2)} ms with assertion and response signed.`);
  const file = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'results', `${new Date().toISOString().slice(0, 10)}-saml.json`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ benchmark: 'saml-vs-oidc', date: new Date().toISOString(), concurrency, durationMs, rounds, warmupMs, cpus: cpus().length, loadAverage: loadavg(), rows, responseCostMs: cost }, null, 2)}\n`);
  console.log(`Results written to ${file}`);
} finally {
  await child.stop();
}

/** Before timing anything: one Response, validated by node-saml against the certificate in /saml/metadata. */
async function checkOneResponse(issuer: string): Promise<void> {
  const xml = await samlSignIn(issuer, BENCH_USERS[0]!, new RequestLog());
  const metadata = await (await fetch(`${issuer}/saml/metadata`)).text();
  const certificate = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(metadata.slice(metadata.indexOf('IDPSSODescriptor')))![1]!;
  const sp = new SAML({
    issuer: BENCH_SP.entityId,
    callbackUrl: BENCH_SP.acs,
    idpCert: certificate,
    audience: BENCH_SP.entityId,
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: true,
    validateInResponseTo: ValidateInResponseTo.never,
  });
  const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: Buffer.from(xml).toString('base64') });
  if (profile?.nameID !== BENCH_USERS[0]!.email) throw new Error(`node-saml read ${profile?.nameID}`);
}

function empty() {
  return { seconds: 0, signins: 0, errors: 0, errorSamples: [] as string[], latenciesMs: [] as number[], requests: new RequestLog(), serverCpuSeconds: 0 };
}

function add(total: ReturnType<typeof empty>, window: FlowWindow, serverCpuSeconds: number): void {
  total.seconds += window.seconds;
  total.signins += window.signins;
  total.errors += window.errors;
  for (const sample of window.errorSamples) if (total.errorSamples.length < 3) total.errorSamples.push(sample);
  total.latenciesMs.push(...window.latenciesMs);
  total.requests.merge(window.requests);
  total.serverCpuSeconds += serverCpuSeconds;
}
