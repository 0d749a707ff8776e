/**
 * Policy engine benchmark: decisions per second and per-decision latency with 10, 1,000 and 10,000 policies,
 * of which 3 target the application under test (the rest target other applications).
 * Run: node --import tsx bench/policy/run.ts   (BENCH_ITERATIONS=200000 by default)
 */
import {
  compilePolicies,
  evaluate,
  lintPolicies,
  parsePolicyFile,
  validatePolicies,
  type EvaluationContext,
  type PolicyEngine,
} from '../../src/policy/index.js';

const SIZES = [10, 1_000, 10_000];
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200_000);
const APP = 'bench-app';
const LOCATIONS = { corpnet: ['10.0.0.0/8', '192.168.0.0/16', '2001:db8:100::/48'], vpn: ['172.16.0.0/12'] };

/** Policy templates; `apps` is the YAML of the applications include list. */
const TEMPLATES: Array<(name: string, apps: string) => string> = [
  (name, apps) => `
  - name: ${name}
    users: { include: all, exclude: { groups: [BreakGlass] } }
    applications: { include: ${apps} }
    conditions: { locations: { exclude: [corpnet, vpn] } }
    grant: { require: { mfa: true } }`,
  (name, apps) => `
  - name: ${name}
    applications: { include: ${apps} }
    conditions: { clients: [other] }
    grant: { block: true }`,
  (name, apps) => `
  - name: ${name}
    users: { include: { groups: [Finance, Payroll] } }
    applications: { include: ${apps} }
    conditions:
      devices: { known: false }
      time: { days: [mon, tue, wed, thu, fri], from: "18:00", to: "07:00", zone: Europe/Stockholm }
    grant: { require: { mfa: true, methods: [push, totp] } }
    session: { signInFrequency: 8h }`,
];

function policyFile(size: number): string {
  const lines = ['policies:'];
  for (let i = 0; i < 3; i++) lines.push(TEMPLATES[i]!(`target ${i}`, `[${APP}]`));
  for (let i = 3; i < size; i++) lines.push(TEMPLATES[i % 3]!(`other ${i}`, `[app-${i}, app-${i + 1}]`));
  return lines.join('\n');
}

function contexts(): EvaluationContext[] {
  const ips = ['10.1.2.3', '203.0.113.9', '172.16.5.4', '2001:db8:100::7', '2a00:1450::1', '::ffff:192.168.1.1'];
  const list: EvaluationContext[] = [];
  for (let i = 0; i < 64; i++) {
    const groups = Array.from({ length: 20 }, (_, g) => `Group${(i + g) % 40}`);
    if (i % 3 === 0) groups.push('Finance');
    if (i % 17 === 0) groups.push('BreakGlass');
    list.push({
      user: { id: `id-${i}`, login: `user${i}`, groups },
      rpId: APP,
      clientIp: ips[i % ips.length]!,
      deviceKnown: i % 2 === 0,
      method: i % 5 === 0 ? 'passwordless' : 'password',
      client: i % 7 === 0 ? 'other' : 'browser',
      requestedContext: i % 4 === 0 ? 'mfa' : null,
      now: new Date(Date.UTC(2024, 4, 13 + (i % 7), (i * 5) % 24, i % 60)),
    });
  }
  return list;
}

interface Row {
  size: number;
  parseMs: number;
  compileMs: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function measure(engine: PolicyEngine, list: EvaluationContext[], explain: boolean): Omit<Row, 'size' | 'parseMs' | 'compileMs'> {
  const options = { explain };
  let sink = 0;
  for (let i = 0; i < 50_000; i++) sink += evaluate(engine, list[i & 63]!, options).policies.length; // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) sink += evaluate(engine, list[i & 63]!, options).policies.length;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const samples = new Float64Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = process.hrtime.bigint();
    sink += evaluate(engine, list[i & 63]!, options).policies.length;
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  samples.sort();
  if (sink === -1) console.log(sink);
  return { perSecond: ITERATIONS / elapsed, p50: samples[Math.floor(ITERATIONS * 0.5)]!, p99: samples[Math.floor(ITERATIONS * 0.99)]! };
}

const list = contexts();
const rows: { plain: Row[]; explained: Row[] } = { plain: [], explained: [] };
for (const size of SIZES) {
  // The steps of createPolicyEngine, timed apart: YAML parsing dominates loading.
  const text = policyFile(size);
  let started = process.hrtime.bigint();
  const parsed = parsePolicyFile(text);
  const parseMs = Number(process.hrtime.bigint() - started) / 1e6;
  started = process.hrtime.bigint();
  const { policies, problems } = validatePolicies(parsed.value, { locationNames: Object.keys(LOCATIONS) });
  const warnings = lintPolicies(policies, { locations: LOCATIONS });
  const engine = compilePolicies(policies, { locations: LOCATIONS, policyDefault: 'allow' });
  const compileMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (parsed.problems.length + problems.length + warnings.length > 0) throw new Error('the bench policies do not load cleanly');
  rows.plain.push({ size, parseMs, compileMs, ...measure(engine, list, false) });
  rows.explained.push({ size, parseMs, compileMs, ...measure(engine, list, true) });
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
console.log(`policy engine: ${ITERATIONS} decisions per row, 3 policies target the application, Node ${process.version}\n`);
console.log('| policies | explain | decisions/s | p50 µs | p99 µs |');
console.log('|---:|:---:|---:|---:|---:|');
for (const [mode, list] of [['off', rows.plain], ['on', rows.explained]] as const) {
  for (const r of list) console.log(`| ${r.size.toLocaleString('en')} | ${mode} | ${Math.round(r.perSecond).toLocaleString('en')} | ${fmt(r.p50)} | ${fmt(r.p99)} |`);
}
console.log('\n| policies | YAML parse ms | validate + lint + compile ms |');
console.log('|---:|---:|---:|');
for (const r of rows.plain) console.log(`| ${r.size.toLocaleString('en')} | ${fmt(r.parseMs, 0)} | ${fmt(r.compileMs, 0)} |`);
const ratio = (l: Row[]) => l[l.length - 1]!.p99 / l[0]!.p99;
const last = rows.plain[rows.plain.length - 1]!;
console.log(`\np99(10,000) / p99(10): ${fmt(ratio(rows.plain))} (explain off), ${fmt(ratio(rows.explained))} (explain on)`);
console.log(`goals: p99 at 10,000 < 100 µs: ${last.p99 < 100 ? 'met' : 'NOT met'}; ratio < 2: ${ratio(rows.plain) < 2 ? 'met' : 'NOT met'}`);
