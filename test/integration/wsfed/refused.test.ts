import assert from 'node:assert/strict';
import { pageError, spBrowser } from '../../helpers/saml-sp.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { realmReply, signinUrl } from '../../helpers/wsfed-rp.js';

describe('WS-Federation requests Gatehouse refuses', () => {
  let gh: RunningGatehouse;

  before(async () => {
    gh = await startGatehouse({ relyingParties: [{ type: 'wsfed', id: 'app', realm: 'urn:app', reply: realmReply('app') }] });
  });
  after(() => gh.stop());

  async function refused(url: string, message: RegExp): Promise<void> {
    const page = await spBrowser().get(url);
    assert.equal(page.status, 400, page.url);
    assert.ok(!page.url.includes('127.0.0.1:9'), 'never sent to an address that is not registered');
    assert.match(pageError(page) ?? '', message);
    assert.doesNotMatch(page.body, /wresult/);
  }

  it('refuses an unknown realm (wtrealm), or none', async () => {
    await refused(signinUrl(gh.url, { wtrealm: 'urn:nobody', wreply: 'http://127.0.0.1:9/evil' }), /"urn:nobody" \(wtrealm\) is not registered/);
    await refused(signinUrl(gh.url, {}), /does not name its application/);
  });

  it('refuses a wreply that is not the realm’s registered reply URL', async () => {
    await refused(signinUrl(gh.url, { wtrealm: 'urn:app', wreply: 'http://127.0.0.1:9/evil/wsfed' }), /reply address http:\/\/127\.0\.0\.1:9\/evil\/wsfed is not registered/);
    await refused(signinUrl(gh.url, { wtrealm: 'urn:app', wreply: `${realmReply('app')}/../evil` }), /is not registered/);
  });

  it('refuses a wauth it does not offer, a wfresh that is not minutes, and repeated parameters', async () => {
    await refused(signinUrl(gh.url, { wtrealm: 'urn:app', wauth: 'urn:federation:authentication:windows' }), /urn:federation:authentication:windows \(wauth\) is not offered/);
    await refused(signinUrl(gh.url, { wtrealm: 'urn:app', wfresh: 'soon' }), /wfresh must be a number of minutes/);
    await refused(`${signinUrl(gh.url, { wtrealm: 'urn:app' })}&wtrealm=urn%3Aother`, /repeated/);
  });

  it('refuses an unknown action (wa)', async () => {
    await refused(`${gh.url}/adfs/ls/?wa=wattr1.0`, /wattr1\.0 \(wa\) is not supported/);
    await refused(`${gh.url}/adfs/ls/`, /expects a WS-Federation request/);
  });

  it('records each refusal in the audit with its reason', () => {
    const reasons = new Set(gh.auditEvents.filter((e) => e.event === 'wsfed.refused').map((e) => e.reason));
    for (const reason of ['unknown_realm', 'unregistered_reply', 'unsupported_wauth', 'malformed', 'unknown_action']) assert.ok(reasons.has(reason), `${reason} in ${[...reasons].join(',')}`);
  });
});
