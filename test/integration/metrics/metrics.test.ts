import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { appBrowser, discoverClient, signInWithPassword, startAuthorization } from '../../helpers/oidc-client.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { readSamples, type Sample } from './prometheus-samples.js';

const PASSWORD = 'correct horse battery';
const isCallback = (url: string) => url.startsWith('http://127.0.0.1:9/callback?');

interface Scrape {
  /** Family name -> type, from parse-prometheus-text-format (a parser nobody here wrote: it throws on a bad line). */
  types: Map<string, string>;
  samples: Sample[];
}

async function scrape(gh: RunningGatehouse): Promise<Scrape> {
  const response = await fetch(`${gh.url}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  const types = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family.type]));
  return { types, samples: readSamples(text) };
}

/** The sum of one sample name's series that carry these labels (a histogram is read through its _count). */
function value(scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  const sampleName = scraped.types.get(name) === 'HISTOGRAM' ? `${name}_count` : name;
  const series = scraped.samples.filter((s) => s.name === sampleName && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  assert.ok(scraped.types.has(name), `${name} is exposed`);
  return series.reduce((sum, s) => sum + s.value, 0);
}

describe('the /metrics endpoint', () => {
  let gh: RunningGatehouse;
  before(async () => {
    gh = await startGatehouse({}, { policies: 'policies:\n  - name: No contractors\n    users: { include: { groups: [contractors] } }\n    grant: { block: true }\n' });
    await gh.addUser('alice', PASSWORD);
    await gh.addUser('carl', PASSWORD, { groups: ['contractors'] });
  });
  after(() => gh.stop());

  it('parses as Prometheus text format, with process metrics and the health of the store and the directory', async () => {
    const scraped = await scrape(gh);
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) assert.ok(scraped.types.has(name), name);
    assert.equal(value(scraped, 'gatehouse_store_up'), 1);
    assert.equal(value(scraped, 'gatehouse_directory_up'), 1);
    assert.ok(value(scraped, 'gatehouse_store_ping_seconds') >= 0);
    assert.equal(scraped.types.get('gatehouse_signin_step_duration_seconds'), 'HISTOGRAM');
    assert.equal(scraped.samples.filter((s) => s.name === 'gatehouse_push_outcomes_total').length, 4, 'the four push outcomes exist from the start');
    assert.equal(value(scraped, 'gatehouse_push_outcomes_total', { outcome: 'fraud' }), 0);
  });

  it('moves with traffic: sign-ins by result, method and relying party, denials, decisions, step latency, directory calls', async () => {
    const before = await scrape(gh);
    const oidc = await discoverClient(gh.url);
    assert.ok(isCallback((await signInWithPassword(appBrowser(), await startAuthorization(oidc), 'alice', PASSWORD)).url));
    const browser = appBrowser();
    const wrong = await signInWithPassword(browser, await startAuthorization(oidc), 'alice', 'wrong');
    assert.ok(isCallback((await browser.submit(wrong, { password: PASSWORD })).url));
    await signInWithPassword(appBrowser(), await startAuthorization(oidc), 'carl', PASSWORD);
    const after = await scrape(gh);
    const moved = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - (before.types.has(name) ? value(before, name, labels) : 0);

    assert.equal(moved('gatehouse_signins_total', { result: 'success', method: 'password', rp: 'app' }), 2);
    assert.equal(moved('gatehouse_signins_total', { result: 'failure', rp: 'app' }), 2, 'the wrong password and the block');
    assert.equal(moved('gatehouse_signin_denials_total', { step: 'password', reason: 'invalid' }), 1);
    assert.equal(moved('gatehouse_signin_denials_total', { step: 'access', reason: 'policy_block' }), 1);
    assert.equal(moved('gatehouse_policy_decisions_total', { decision: 'allow' }), 2);
    assert.equal(moved('gatehouse_policy_decisions_total', { decision: 'block' }), 1);
    assert.equal(moved('gatehouse_signin_step_duration_seconds', { step: 'password' }), 4);
    assert.equal(moved('gatehouse_signin_step_duration_seconds', { step: 'identify' }), 3);
    assert.equal(moved('gatehouse_directory_request_duration_seconds', { operation: 'verifyPassword', outcome: 'ok' }), 4);
    assert.equal(moved('gatehouse_audit_events_total', { event: 'signin.completed', result: 'success' }), 2);
  });

  it('counts lockouts by kind of place and mode', async () => {
    const lockouts = await startGatehouse({ lockout: { unfamiliarThreshold: 1 } });
    try {
      await lockouts.addUser('alice', PASSWORD);
      await signInWithPassword(appBrowser(), await startAuthorization(await discoverClient(lockouts.url)), 'alice', 'wrong');
      assert.equal(value(await scrape(lockouts), 'gatehouse_lockouts_total', { scope: 'unfamiliar', mode: 'enforce' }), 1);
    } finally {
      await lockouts.stop();
    }
  });
});
